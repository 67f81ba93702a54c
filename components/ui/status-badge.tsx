import type { HealthStatus } from "@/lib/domain/score/score.ts";

// Status is always written out and carries its own glyph, so colour is never the only signal.
const STATUS: Record<HealthStatus, { label: string; glyph: string; className: string }> = {
  healthy: { label: "Healthy", glyph: "●", className: "border-healthy/40 bg-healthy-soft text-healthy" },
  warning: { label: "Warning", glyph: "▲", className: "border-warning/40 bg-warning-soft text-warning" },
  critical: { label: "Critical", glyph: "■", className: "border-critical/40 bg-critical-soft text-critical" },
  no_data: { label: "No data", glyph: "○", className: "border-nodata/40 bg-nodata-soft text-nodata" },
};

export const STATUS_ORDER: readonly HealthStatus[] = ["critical", "warning", "no_data", "healthy"];

export function statusLabel(status: HealthStatus): string {
  return STATUS[status].label;
}

export function StatusBadge({ status, size = "sm" }: { status: HealthStatus; size?: "sm" | "lg" }) {
  const s = STATUS[status];
  return (
    <span
      data-status={status}
      className={`inline-flex items-center gap-1 rounded border font-medium ${size === "lg" ? "px-2 py-1 text-sm" : "px-1.5 py-0.5 text-xs"} ${s.className}`}
    >
      <span aria-hidden="true">{s.glyph}</span>
      {s.label}
    </span>
  );
}
