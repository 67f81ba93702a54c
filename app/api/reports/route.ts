import { readPrincipal } from "@/lib/http/read-principal.ts";
import { handleApi } from "@/lib/http/respond.ts";
import { csvFileName, reportCsv } from "@/lib/domain/reports/csv.ts";
import { ReportQuery } from "@/lib/schemas/reports.ts";
import { searchParamsObject } from "@/lib/schemas/health-query.ts";
import { getReport } from "@/lib/services/reports/get-report.ts";

export const dynamic = "force-dynamic";

/**
 * GET /api/reports?period=week|month|quarter|custom&groupBy=business_unit|risk_tier|both&date=YYYY-MM-DD
 * (or from=…&to=… for custom)&format=json|csv — session or an API key with `read`. JSON: the Report object
 * (lib/domain/reports/types.ts); CSV: one row per service, group and portfolio (columns in lib/domain/reports/csv.ts).
 */
export function GET(req: Request): Promise<Response> {
  return handleApi(async () => {
    const now = new Date();
    const principal = await readPrincipal(req, now);
    const query = ReportQuery.parse(searchParamsObject(req.url));
    const report = await getReport(principal, query, now);
    if (query.format === "json") return Response.json(report, { headers: { "cache-control": "no-store" } });
    return new Response(reportCsv(report), {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${csvFileName(report)}"`,
        "cache-control": "no-store",
      },
    });
  });
}
