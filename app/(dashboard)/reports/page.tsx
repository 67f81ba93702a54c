import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { can } from "@/lib/auth/permissions.ts";
import { requirePermission } from "@/lib/auth/session.ts";
import { getReport } from "@/lib/services/reports/get-report.ts";
import { AppError } from "@/lib/errors.ts";
import { parseReportSearch } from "./_lib/report-search.ts";
import { ReportView } from "./_components/report-view.tsx";

export const metadata: Metadata = { title: "Reports" };

type Search = Record<string, string | string[] | undefined>;

export default async function ReportsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const user = await requirePermission("reports.read");
  const { query, issues } = parseReportSearch(await searchParams);
  const now = new Date();
  // A period that has not started is the one error the schema cannot see: show it and the default report.
  const report = await getReport({ kind: "user", user }, query, now).catch(async (error: unknown) => {
    if (!(error instanceof AppError) || error.status !== 400) throw error;
    issues.push(error.publicMessage);
    return getReport({ kind: "user", user }, { ...query, period: "month", date: undefined, from: undefined, to: undefined }, now);
  });
  return (
    <>
      <PageHeader
        title="Reports"
        description="Portfolio health by business unit and risk tier over a calendar period: score, time in each status, alert episodes, response times and LLM cost, against the period before."
      />
      <ReportView report={report} query={query} issues={issues} canSnapshot={can(user, "reports.snapshot")} />
    </>
  );
}
