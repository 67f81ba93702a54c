import { getCurrentUser } from "@/lib/auth/session.ts";
import { AppError } from "@/lib/errors.ts";
import { renderPdf } from "@/lib/services/reports/render-pdf.ts";

/**
 * The signed-in requester (the headless page prints as them, with their cookie), or a 401 that points API
 * clients at the CSV and JSON exports, which take API keys.
 */
export async function requirePdfSession(): Promise<void> {
  if (!(await getCurrentUser())) {
    throw new AppError("UNAUTHENTICATED", 401, "The PDF export prints the page as a signed-in user: sign in, or use format=csv or json with an API key.");
  }
}

/** Prints `path` of this app for the requester and answers with the PDF as a download. */
export async function pdfDownload(req: Request, path: string, heading: string, fileName: string): Promise<Response> {
  const pdf = await renderPdf({ path, cookie: req.headers.get("cookie") ?? "", forwardedProto: req.headers.get("x-forwarded-proto") ?? undefined, heading, generatedAt: new Date() });
  return new Response(new Uint8Array(pdf), {
    headers: {
      "content-type": "application/pdf",
      "content-disposition": `attachment; filename="${fileName}"`,
      "cache-control": "no-store",
    },
  });
}
