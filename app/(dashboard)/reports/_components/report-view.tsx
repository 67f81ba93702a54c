import { DailyScoreChart } from "@/components/reports/daily-score-chart.tsx";
import { EmptyState } from "@/components/ui/states.tsx";
import { formatTime } from "@/components/ui/format.ts";
import type { Report } from "@/lib/domain/reports/types.ts";
import type { ReportQuery } from "@/lib/schemas/reports.ts";
import { reportSearch } from "../_lib/report-search.ts";
import { GroupsTable } from "./groups-table.tsx";
import { PrintButton } from "./print-button.tsx";
import { ReportControls } from "./report-controls.tsx";
import { ReportSummary } from "./report-summary.tsx";
import { ServicesTable } from "./services-table.tsx";
import { StatusBars } from "./status-bars.tsx";

// The print stylesheet: the PDF export will print this page, so chrome and controls go and sections stay whole.
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

export function ReportView({ report, query, issues }: { report: Report; query: ReportQuery; issues: string[] }) {
  const services = report.groups.reduce((n, g) => n + g.services.length, 0);
  return (
    <div className="space-y-6">
      <style>{PRINT_CSS}</style>
      <div data-print="hide" className="flex flex-wrap items-end justify-between gap-4 rounded-lg border border-slate-200 bg-white p-4">
        <ReportControls query={query} />
        <div className="flex gap-2">
          <a href={`/api/reports?${reportSearch(query, "csv")}`} download className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-100">
            Download CSV
          </a>
          <PrintButton />
        </div>
      </div>
      {issues.length > 0 && (
        <div role="status" className="rounded-lg border border-warning/40 bg-warning-soft p-3 text-sm text-slate-900">
          <p className="font-medium">Some of the address could not be used; showing this month instead.</p>
          <ul className="mt-1 list-disc pl-5">{issues.map((i) => <li key={i}>{i}</li>)}</ul>
        </div>
      )}
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
    </div>
  );
}
