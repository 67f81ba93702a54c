import { formatMetric } from "@/components/ui/format.ts";
import type { Compliance, SlaTarget } from "@/lib/domain/vendors/figures.ts";

// Display of the vendor figures (pure, shared by the tables and the ranking).

export const costPer1k = (usd: number | null) => (usd === null ? "—" : `$${usd.toFixed(usd < 0.01 ? 4 : 3)}`);

export const sharePct = (share: number | null) => (share === null ? "—" : `${(share * 100).toFixed(1)} %`);

export function complianceText(c: Compliance | null, target: SlaTarget | null): string {
  if (!target) return "no target";
  if (!c || c.share === null) return "no traffic";
  return `${sharePct(c.share)} (${c.missed} of ${c.buckets} missed)`;
}

export const targetText = (t: SlaTarget | null) => (t ? `p95 ≤ ${formatMetric(t.latencyP95Ms, "ms")}, errors ≤ ${formatMetric(t.maxErrorRate, "ratio")}` : "—");

export const perDollar = (x: number | null) => (x === null ? "—" : Math.round(x).toLocaleString("en"));
