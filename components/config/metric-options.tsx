import { formatMetric } from "@/components/ui/format.ts";
import { metricFamily } from "@/lib/domain/score/catalog.ts";
import type { MetricValues } from "@/lib/services/health/get-metric-values.ts";

/** The metric picker's suggestions: every catalog name, with its unit and the service's value now. */
export function MetricOptions({ id, names, values }: { id: string; names: readonly string[]; values: MetricValues | null }) {
  return (
    <datalist id={id}>
      {names.map((name) => {
        const unit = metricFamily(name)?.unit ?? "value";
        const now = values?.metrics[name]?.at(-1)?.value ?? null;
        return <option key={name} value={name} label={`${unit} · now ${now === null ? "not reported" : formatMetric(now, unit)}`} />;
      })}
    </datalist>
  );
}
