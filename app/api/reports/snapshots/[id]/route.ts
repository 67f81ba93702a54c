import { z } from "zod";
import { csvFileName, reportCsv } from "@/lib/domain/reports/csv.ts";
import { readPrincipal } from "@/lib/http/read-principal.ts";
import { handleApi } from "@/lib/http/respond.ts";
import { searchParamsObject } from "@/lib/schemas/health-query.ts";
import { getSnapshot } from "@/lib/services/reports/get-snapshot.ts";
import { pdfDownload, requirePdfSession } from "../../pdf/respond-pdf.ts";

export const dynamic = "force-dynamic";

const Format = z.strictObject({ format: z.enum(["json", "csv", "pdf"], { error: "Expected json, csv or pdf." }).default("json") });

/**
 * GET /api/reports/snapshots/{id}?format=json|csv|pdf — one snapshot exactly as saved: JSON {summary, report},
 * the CSV of the stored report (same columns as GET /api/reports), or the snapshot page printed to PDF (session only).
 */
export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  return handleApi(async () => {
    const { format } = Format.parse(searchParamsObject(req.url));
    if (format === "pdf") await requirePdfSession();
    const principal = await readPrincipal(req, new Date());
    const { summary, report } = await getSnapshot(principal, id);
    const base = `${csvFileName(report).replace(/\.csv$/, "")}-snapshot-${summary.id}`;
    if (format === "pdf") return pdfDownload(req, `/reports/snapshots/${summary.id}`, `Snapshot: ${report.period.label}`, `${base}.pdf`);
    if (format === "json") return Response.json({ summary, report }, { headers: { "cache-control": "no-store" } });
    return new Response(reportCsv(report), {
      headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${base}.csv"`, "cache-control": "no-store" },
    });
  });
}
