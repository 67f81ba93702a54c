import { DailyScoreChart } from "@/components/reports/daily-score-chart.tsx";
import { EmptyState } from "@/components/ui/states.tsx";
import { formatTime } from "@/components/ui/format.ts";
import type { Report } from "@/lib/domain/reports/types.ts";
import { GroupsTable } from "./groups-table.tsx";
import { ReportSummary } from "./report-summary.tsx";
import { ServicesTable } from "./services-table.tsx";
import { StatusBars } from "./status-bars.tsx";

// The report itself, from a Report object alone: the live page and a saved snapshot render the same component,
// so a snapshot looks exactly like the page it was saved from.

// The print stylesheet: the PDF export prints this page, so chrome and controls go and sections stay whole.
const PRINT_CSS = `@media print {
  header, nav[aria-label="Main"], [data-print="hide"] { display: none !important; }
  main { max-width: none !important; padding: 0 !important; }
  section { break-inside: avoid; }
  a { color: inherit !important; text-decoration: none !important; }
}`;

function periodLine(report: Report): string {
  const { period: p, previousPeriod: q } = report;
  const to = p.soFar ? `so far, to ${formatTime(p.to, true)}` : `to ${formatTime(p.to, true)}`;
  return `${p.label}: ${formatTime(p.from, true)} ${to}. Compared with ${q.label}${p.soFar ? " over the same elapsed time" : ""}.`;
}

export function ReportBody({ report }: { report: Report }) {
  const services = report.groups.reduce((n, g) => n + g.services.length, 0);
  return (
    <>
      <style>{PRINT_CSS}</style>
      <p className="text-sm text-slate-700" data-testid="report-period">{periodLine(report)}</p>
      {services === 0 ? (
        <EmptyState title="No services to report on">Services appear here once they exist and you may read them.</EmptyState>
      ) : (
        <>
          <ReportSummary report={report} />
          <section aria-labelledby="daily-heading" className="rounded-lg border border-slate-200 bg-white p-4">
            <h2 id="daily-heading" className="text-base font-semibold">Portfolio score per day</h2>
            <p className="mb-2 text-xs text-slate-600">Traffic-weighted across services; the shaded band spans the lowest to the highest service score of the day. Bands at 80 and 60 are the templates&apos; default thresholds.</p>
            <DailyScoreChart points={report.daily} />
          </section>
          <StatusBars report={report} />
          <GroupsTable report={report} />
          {report.groups.map((g) => <ServicesTable key={g.key} group={g} period={report.period} />)}
        </>
      )}
      <section aria-labelledby="rules-heading" className="text-xs text-slate-600">
        <h2 id="rules-heading" className="font-semibold text-slate-800">How the figures are counted</h2>
        <ul className="mt-1 list-disc space-y-1 pl-5">{report.rules.map((r) => <li key={r}>{r}</li>)}</ul>
        <p className="mt-2">Generated {formatTime(report.generatedAt, true)}.</p>
      </section>
    </>
  );
}
