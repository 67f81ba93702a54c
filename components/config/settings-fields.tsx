"use client";

import { AGGREGATIONS, NO_DATA_POLICIES } from "@/lib/domain/score/config.ts";
import type { ConfigForm } from "./config-draft.ts";
import { SelectField, TextField } from "./field.tsx";

// The config's scalar settings, in the order of DESIGN.md §6: how the score is computed, then how it alerts.

type Props = { form: ConfigForm; errors: Record<string, string>; onChange: (patch: Partial<ConfigForm>) => void };

const AGGREGATION_LABELS: Record<(typeof AGGREGATIONS)[number], string> = {
  weighted_mean: "Weighted mean",
  weighted_geometric: "Weighted geometric mean",
  worst: "Worst component",
};
const NO_DATA_LABELS: Record<(typeof NO_DATA_POLICIES)[number], string> = {
  keep: "Keep the alert's state", ok: "Resolve the alert", alert: "Fire the alert",
};

export function ScoringFields({ form, errors, onChange }: Props) {
  return (
    <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
      <TextField name="window" label="Window" value={form.window} error={errors.window} onChange={(window) => onChange({ window })}
        hint="How much recent traffic each score covers: 15m, 1h, 6h, 1d." />
      <TextField name="minSamples" label="Minimum samples" inputMode="numeric" value={form.minSamples} error={errors.minSamples}
        onChange={(minSamples) => onChange({ minSamples })} hint="A metric with fewer events in the window is left out." />
      <SelectField name="aggregation" label="Aggregation" value={form.aggregation} error={errors.aggregation} onChange={(aggregation) => onChange({ aggregation })}
        options={AGGREGATIONS.map((a) => ({ value: a, label: AGGREGATION_LABELS[a] }))}
        hint="Geometric: one bad component pulls harder. Worst: the lowest component decides." />
      <TextField name="thresholds.warning" label="Warning below" inputMode="decimal" value={form.warning} error={errors["thresholds.warning"] ?? errors.thresholds}
        onChange={(warning) => onChange({ warning })} hint="Score 0–100; at or above it the service is healthy." />
      <TextField name="thresholds.critical" label="Critical below" inputMode="decimal" value={form.critical} error={errors["thresholds.critical"]}
        onChange={(critical) => onChange({ critical })} />
      <TextField name="segments" label="Segments" value={form.segments} error={errors.segments} onChange={(segments) => onChange({ segments })}
        hint="Dimensions scored one by one, comma-separated: provider, model, business_unit." />
    </div>
  );
}

export function AlertingFields({ form, errors, onChange }: Props) {
  return (
    <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
      <TextField name="alerting.for" label="Sustain for" value={form.alertFor} error={errors["alerting.for"]} onChange={(alertFor) => onChange({ alertFor })}
        hint="How long a breach must last before the alert fires, e.g. 5m." />
      <TextField name="alerting.hysteresis" label="Hysteresis (points)" inputMode="decimal" value={form.hysteresis} error={errors["alerting.hysteresis"]}
        onChange={(hysteresis) => onChange({ hysteresis })} hint="Points above the threshold needed to recover." />
      <SelectField name="alerting.noData" label="Without data" value={form.noData} error={errors["alerting.noData"]} onChange={(noData) => onChange({ noData })}
        options={NO_DATA_POLICIES.map((p) => ({ value: p, label: NO_DATA_LABELS[p] }))} />
      <TextField name="alerting.routes.warning" label="Warning channels" value={form.routesWarning} error={errors["alerting.routes.warning"]}
        onChange={(routesWarning) => onChange({ routesWarning })} hint="Channel names, comma-separated." />
      <TextField name="alerting.routes.critical" label="Critical channels" value={form.routesCritical} error={errors["alerting.routes.critical"]}
        onChange={(routesCritical) => onChange({ routesCritical })} hint="Channel names, comma-separated." />
      <TextField name="alerting.renotify" label="Re-notify every" value={form.renotify} error={errors["alerting.renotify"]} placeholder="never"
        onChange={(renotify) => onChange({ renotify })} hint="Repeat an unacknowledged alert, e.g. 30m; empty: notify once." />
      <label className="flex items-center gap-2 text-sm sm:col-span-2 lg:col-span-3">
        <input type="checkbox" checked={form.shadow} onChange={(e) => onChange({ shadow: e.target.checked })} className="h-4 w-4" />
        <span><span className="font-medium">Shadow mode</span>: alerts are shown but never delivered (try a config before it pages anyone).</span>
      </label>
    </div>
  );
}
