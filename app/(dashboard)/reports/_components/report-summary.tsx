import type { ReactNode } from "react";
import { formatCount, formatDuration, formatUsd } from "@/components/reports/format.ts";
import { formatScore } from "@/components/ui/format.ts";
import type { Report } from "@/lib/domain/reports/types.ts";
import { Change } from "./change.tsx";

function Card({ label, value, children, testId }: { label: string; value: string; children?: ReactNode; testId: string }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-3" data-testid={testId}>
      <dt className="text-xs uppercase tracking-wide text-slate-600">{label}</dt>
      <dd className="mt-1 text-xl font-semibold tabular-nums">{value}</dd>
      <dd className="mt-0.5 text-xs text-slate-600">{children}</dd>
    </div>
  );
}

const score1 = (x: number) => x.toFixed(1);

/** The portfolio's figures for the period, each with its change against the previous period. */
export function ReportSummary({ report }: { report: Report }) {
  const { figures: f, change: c } = report.portfolio;
  const episodes = f.episodes.warning + f.episodes.critical;
  return (
    <section aria-labelledby="summary-heading">
      <h2 id="summary-heading" className="sr-only">Portfolio summary</h2>
      <dl className="grid grid-cols-2 gap-3 md:grid-cols-4">
        <Card label="Score (traffic-weighted)" value={formatScore(f.score)} testId="summary-score">
          <Change delta={c.score} format={score1} better="up" /> vs previous
        </Card>
        <Card label="Lowest service score" value={formatScore(f.lowestScore)} testId="summary-lowest">
          {f.lowestService ?? "—"} · <Change delta={c.lowestScore} format={score1} better="up" />
        </Card>
        <Card label="Alert episodes" value={formatCount(episodes)} testId="summary-episodes">
          {f.episodes.critical} critical · {f.episodes.warning} warning · {f.openAtEnd} open
          {f.carriedIn > 0 && ` · ${f.carriedIn} carried in`}
        </Card>
        <Card label="MTTA / MTTR" value={`${formatDuration(f.mttaMs)} / ${formatDuration(f.mttrMs)}`} testId="summary-mttx">
          MTTR over {f.resolved} resolved · <Change delta={c.mttrMs} format={formatDuration} better="down" />
        </Card>
        <Card label="Requests" value={formatCount(f.requests)} testId="summary-requests">
          <Change delta={c.requests} format={formatCount} better="up" />
        </Card>
        <Card label="LLM cost" value={formatUsd(f.costUsd)} testId="summary-cost">
          <Change delta={c.costUsd} format={formatUsd} better="down" />
        </Card>
        <Card label="Cost per 1,000 requests" value={formatUsd(f.costPer1kRequests)} testId="summary-cost-1k">
          <Change delta={c.costPer1kRequests} format={formatUsd} better="down" />
        </Card>
        <Card label="Time critical" value={`${((f.statusMs.critical / Math.max(1, total(f.statusMs))) * 100).toFixed(1)} %`} testId="summary-critical">
          {formatDuration(f.statusMs.critical)} of service-time · <Change delta={c.statusShare.critical * 100} format={(x) => `${x.toFixed(1)} pt`} better="down" />
        </Card>
      </dl>
    </section>
  );
}

const total = (s: Record<string, number>) => Object.values(s).reduce((a, b) => a + b, 0);
