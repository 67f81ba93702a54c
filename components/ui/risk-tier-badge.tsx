const STYLES: Record<string, string> = {
  critical: "border-critical/40 bg-critical-soft text-critical",
  high: "border-warning/40 bg-warning-soft text-warning",
  medium: "border-slate-300 bg-slate-100 text-slate-700",
  low: "border-slate-200 bg-white text-slate-600",
};

/** The tier is written out, so colour is never the only signal. */
export function RiskTierBadge({ tier }: { tier: string }) {
  return (
    <span className={`inline-block rounded border px-1.5 py-0.5 text-xs font-medium capitalize ${STYLES[tier] ?? STYLES.medium}`}>
      {tier} risk
    </span>
  );
}
