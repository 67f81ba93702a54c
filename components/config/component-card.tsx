"use client";

import { formatMetric } from "@/components/ui/format.ts";
import { metricFamily } from "@/lib/domain/score/catalog.ts";
import type { MetricValuePoint } from "@/lib/services/health/get-metric-values.ts";
import type { FormComponent } from "./config-draft.ts";
import { normalisationCurve, valueDots } from "./curve.ts";
import { NormalisationChart } from "./normalisation-chart.tsx";
import { TextField } from "./field.tsx";

/** One score component: metric (from the catalog), weight with its live share, bounds, and the curve over today's values. */
export function ComponentCard({ index, value, share, errors, series, metricListId, readOnly, onChange, onRemove }: {
  index: number; value: FormComponent; share: number | null; errors: Record<string, string>; series: MetricValuePoint[] | undefined;
  metricListId: string; readOnly: boolean; onChange: (next: FormComponent) => void; onRemove: () => void;
}) {
  const key = `components.${index}`;
  const family = metricFamily(value.metric.trim());
  const format = (v: number) => formatMetric(v, family?.unit ?? "value");
  const current = series?.at(-1)?.value ?? null;
  const good = Number(value.good);
  const bad = Number(value.bad);
  const chart = normalisationCurve(good, bad, (series ?? []).flatMap((p) => (p.value === null ? [] : [p.value])));
  const set = (patch: Partial<FormComponent>) => onChange({ ...value, ...patch });
  return (
    <li className="rounded-lg border border-slate-200 bg-white p-3" data-testid="component-card" data-metric={value.metric}>
      <fieldset disabled={readOnly} className="grid min-w-0 gap-3 md:grid-cols-[2fr_1fr_1fr_1fr]">
        <legend className="sr-only">Component {index + 1}: {value.metric || "new metric"}</legend>
        <TextField name={`${key}.metric`} label="Metric" value={value.metric} list={metricListId} error={errors[`${key}.metric`]}
          onChange={(metric) => set({ metric })}
          hint={family ? <>{family.description} Unit: {family.unit}. Now: <span data-testid="current-value">{series ? format(current ?? Number.NaN) : "not reported"}</span></> : "Pick a metric from the list."} />
        <TextField name={`${key}.weight`} label="Weight" inputMode="decimal" value={value.weight} error={errors[`${key}.weight`]} onChange={(weight) => set({ weight })}
          hint={<span data-testid="weight-share">{share === null ? "share —" : `${share.toFixed(1)} % of the score`}</span>} />
        <TextField name={`${key}.good`} label="Good (100 points)" inputMode="decimal" value={value.good} error={errors[`${key}.good`]} onChange={(good) => set({ good })} />
        <TextField name={`${key}.bad`} label="Bad (0 points)" inputMode="decimal" value={value.bad} error={errors[`${key}.bad`]} onChange={(bad) => set({ bad })} />
      </fieldset>
      <div className="mt-2 flex flex-wrap items-start gap-3">
        <div className="min-w-0 flex-1">
          {chart ? (
            <NormalisationChart curve={chart.curve} dots={valueDots(series ?? [], good, bad)} domain={chart.domain} current={current} format={format}
              label={`Points earned by ${value.metric} between bad ${value.bad} and good ${value.good}, with the last 24 hours of values`} />
          ) : (
            <p className="text-xs text-slate-600">The curve appears once good and bad are two different numbers.</p>
          )}
        </div>
        {!readOnly && (
          <button type="button" onClick={onRemove} className="rounded-md border border-slate-300 px-2 py-1 text-sm hover:bg-slate-100">
            Remove <span className="sr-only">{value.metric}</span>
          </button>
        )}
      </div>
    </li>
  );
}
