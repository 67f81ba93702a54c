import { handleApi } from "@/lib/http/respond.ts";
import { csvFileName } from "@/lib/domain/reports/csv.ts";
import { ReportQuery } from "@/lib/schemas/reports.ts";
import { searchParamsObject } from "@/lib/schemas/health-query.ts";
import { getCurrentUser } from "@/lib/auth/session.ts";
import { getReport } from "@/lib/services/reports/get-report.ts";
import { pdfDownload, requirePdfSession } from "./respond-pdf.ts";

export const dynamic = "force-dynamic";

/**
 * GET /api/reports/pdf?<the query of GET /api/reports, without format> — the /reports page printed to PDF by
 * Chromium (its print stylesheet, charts included; the period and generation time on every page). Session only.
 * The query is validated here first, so a bad one is a 400 with its issues rather than a printed error page.
 */
export function GET(req: Request): Promise<Response> {
  return handleApi(async () => {
    await requirePdfSession();
    const fields = searchParamsObject(req.url);
    const query = ReportQuery.parse({ ...fields, format: "json" });
    const user = (await getCurrentUser())!;
    const report = await getReport({ kind: "user", user }, query, new Date());
    const search = new URLSearchParams(fields);
    search.delete("format");
    return pdfDownload(req, `/reports?${search}`, report.period.label, csvFileName(report).replace(/\.csv$/, ".pdf"));
  });
}
