import { formatDuration } from "@/components/reports/format.ts";
import { statusLabel } from "@/components/ui/status-badge.tsx";
import { STATUSES, type Figures, type Report } from "@/lib/domain/reports/types.ts";

// Time in each status per group as stacked bars. Plain HTML rather than a chart: it prints crisply, and every
// segment's share is written out in the row's text, so neither colour nor the bar carries the figure alone.

const FILL = { healthy: "bg-healthy", warning: "bg-warning", critical: "bg-critical", no_data: "bg-slate-300" } as const;

function shares(f: Figures) {
  const total = STATUSES.reduce((s, k) => s + f.statusMs[k], 0);
  return STATUSES.map((k) => ({ status: k, ms: f.statusMs[k], share: total > 0 ? f.statusMs[k] / total : 0 }));
}

function Bar({ label, figures }: { label: string; figures: Figures }) {
  const parts = shares(figures);
  const text = parts.map((p) => `${statusLabel(p.status)} ${(p.share * 100).toFixed(1)} %`).join(", ");
  return (
    <li className="grid gap-1 md:grid-cols-[12rem_1fr] md:items-center md:gap-3" data-testid="status-bar" data-group={label}>
      <span className="text-sm font-medium">{label}</span>
      <div>
        <div className="flex h-4 w-full overflow-hidden rounded bg-slate-100" aria-hidden="true">
          {parts.map((p) => p.share > 0 && <div key={p.status} className={FILL[p.status]} style={{ width: `${p.share * 100}%` }} title={`${statusLabel(p.status)}: ${formatDuration(p.ms)}`} />)}
        </div>
        <p className="mt-0.5 text-xs text-slate-600">{text}</p>
      </div>
    </li>
  );
}

export function StatusBars({ report }: { report: Report }) {
  return (
    <section aria-labelledby="status-heading" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="status-heading" className="text-base font-semibold">Time in each status</h2>
      <p className="mb-3 text-xs text-slate-600">Share of service-time in the period, from the score snapshots; time with no snapshot counts as no data.</p>
      <ul className="space-y-3">
        {report.groups.map((g) => <Bar key={g.key} label={g.label} figures={g.figures} />)}
        <Bar label="Portfolio" figures={report.portfolio.figures} />
      </ul>
    </section>
  );
}
