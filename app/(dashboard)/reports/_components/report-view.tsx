import Link from "next/link";
import type { Report } from "@/lib/domain/reports/types.ts";
import type { ReportQuery } from "@/lib/schemas/reports.ts";
import { reportSearch } from "../_lib/report-search.ts";
import { PrintButton } from "./print-button.tsx";
import { ReportBody } from "./report-body.tsx";
import { ReportControls } from "./report-controls.tsx";
import { SaveSnapshotButton } from "./save-snapshot-button.tsx";

export const TOOL_LINK = "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-100";

export function ReportView({ report, query, issues, canSnapshot }: { report: Report; query: ReportQuery; issues: string[]; canSnapshot: boolean }) {
  return (
    <div className="space-y-6">
      <div data-print="hide" className="flex flex-wrap items-end justify-between gap-4 rounded-lg border border-slate-200 bg-white p-4">
        <ReportControls query={query} />
        <div className="flex flex-wrap gap-2">
          <a href={`/api/reports?${reportSearch(query, "csv")}`} download className={TOOL_LINK}>
            Download CSV
          </a>
          <a href={`/api/reports/pdf?${reportSearch(query)}`} download className={TOOL_LINK}>
            Download PDF
          </a>
          <PrintButton />
          <Link href="/reports/snapshots" className={TOOL_LINK}>Snapshots</Link>
          {canSnapshot && <SaveSnapshotButton search={reportSearch(query)} />}
        </div>
      </div>
      {issues.length > 0 && (
        <div role="status" className="rounded-lg border border-warning/40 bg-warning-soft p-3 text-sm text-slate-900">
          <p className="font-medium">Some of the address could not be used; showing this month instead.</p>
          <ul className="mt-1 list-disc pl-5">{issues.map((i) => <li key={i}>{i}</li>)}</ul>
        </div>
      )}
      <ReportBody report={report} />
    </div>
  );
}
