// Severity and state are always written out with a glyph, so colour is never the only signal.

const SEVERITY: Record<string, { label: string; glyph: string; className: string }> = {
  critical: { label: "Critical", glyph: "■", className: "border-critical/40 bg-critical-soft text-critical" },
  warning: { label: "Warning", glyph: "▲", className: "border-warning/40 bg-warning-soft text-warning" },
};

const STATE: Record<string, { label: string; className: string }> = {
  firing: { label: "Firing", className: "border-critical bg-critical text-white" },
  pending: { label: "Pending", className: "border-warning/60 bg-white text-warning" },
  resolved: { label: "Resolved", className: "border-healthy/40 bg-healthy-soft text-healthy" },
  cancelled: { label: "Cancelled", className: "border-slate-300 bg-slate-100 text-slate-700" },
};

const BADGE = "inline-flex items-center gap-1 whitespace-nowrap rounded border px-1.5 py-0.5 text-xs font-medium";

export function severityLabel(severity: string): string {
  return SEVERITY[severity]?.label ?? severity;
}

export function SeverityBadge({ severity }: { severity: string }) {
  const s = SEVERITY[severity] ?? { label: severity, glyph: "•", className: "border-slate-300 bg-white text-slate-700" };
  return (
    <span data-severity={severity} className={`${BADGE} ${s.className}`}>
      <span aria-hidden="true">{s.glyph}</span>
      {s.label}
    </span>
  );
}

export function AlertStateBadge({ state, acknowledged = false }: { state: string; acknowledged?: boolean }) {
  const s = STATE[state] ?? { label: state, className: "border-slate-300 bg-white text-slate-700" };
  return (
    <span className="inline-flex flex-wrap gap-1">
      <span data-state={state} className={`${BADGE} ${s.className}`}>{s.label}</span>
      {acknowledged && (state === "firing" || state === "pending") && <span className={`${BADGE} border-blue-300 bg-blue-50 text-blue-800`}>Acknowledged</span>}
    </span>
  );
}

/** Raised by a shadow (trial) config: shown, never delivered. */
export function ShadowTag() {
  return (
    <span className={`${BADGE} border-dashed border-slate-400 bg-white text-slate-700`} title="Raised by a shadow config: shown here, never sent to a channel">
      Shadow
    </span>
  );
}
