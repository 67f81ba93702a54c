import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { formatTime } from "@/components/ui/format.ts";
import { requirePermission } from "@/lib/auth/session.ts";
import { AppError } from "@/lib/errors.ts";
import { getSnapshot } from "@/lib/services/reports/get-snapshot.ts";
import { PrintButton } from "../../_components/print-button.tsx";
import { ReportBody } from "../../_components/report-body.tsx";
import { TOOL_LINK } from "../../_components/report-view.tsx";

export const metadata: Metadata = { title: "Report snapshot" };

/** A saved report, rendered from the stored object with the live page's components: never recomputed. */
export default async function SnapshotPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePermission("reports.read");
  const { id } = await params;
  const saved = await getSnapshot({ kind: "user", user }, id).catch((error: unknown) => {
    if (error instanceof AppError && error.status === 404) notFound();
    throw error;
  });
  const { summary, report } = saved;
  const api = `/api/reports/snapshots/${summary.id}`;
  return (
    <>
      <PageHeader title={summary.title} />
      <div className="space-y-6">
        <p role="note" data-testid="snapshot-label" className="rounded-lg border border-slate-300 bg-slate-50 p-3 text-sm text-slate-900">
          Snapshot of {report.period.label}, saved by {summary.createdByLabel} at {formatTime(summary.createdAt, true)} — figures as computed then.
          {summary.kind === "weekly" && " Taken automatically by the weekly job."}
        </p>
        <div data-print="hide" className="flex flex-wrap gap-2">
          <Link href="/reports/snapshots" className={TOOL_LINK}>All snapshots</Link>
          <a href={`${api}?format=csv`} download className={TOOL_LINK}>Download CSV</a>
          <a href={`${api}?format=pdf`} download className={TOOL_LINK}>Download PDF</a>
          <PrintButton />
        </div>
        <ReportBody report={report} />
      </div>
    </>
  );
}
