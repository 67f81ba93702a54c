import { constants } from "node:fs";
import { access } from "node:fs/promises";
import { AppError } from "@/lib/errors.ts";

// The PDF export prints the report page itself with Chromium's print engine (playwright-core driving the
// system's Chromium, which works offline): the page's print stylesheet, its charts and its fonts, exactly as a
// browser's "Save as PDF" would. The headless page is signed in as the requester by their own session cookie,
// sent only to this server's own address, so it sees exactly what they may see. One render at a time (a
// Chromium costs ~200 MB and a core): a second request meanwhile gets a 503 with Retry-After.

const RENDER_TIMEOUT_MS = 45_000;
// No sandbox (servers often run as root in containers); and no background traffic: an offline server must not try
// to reach Google's update, sync or component services on every render.
const CHROMIUM_ARGS = [
  "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--no-first-run",
];
// A4 less the side margins at 96 dpi: charts measure themselves once, so the screen layout gets the paper's width.
const PRINT_WIDTH_PX = 718;
// Process-wide, not module-wide: Next bundles each route separately, and both PDF routes must share the one slot.
const slot = globalThis as typeof globalThis & { __vitalsPdfBusy?: boolean };

export interface PdfRequest {
  /** path and query of the page to print, e.g. "/reports?period=month" */
  path: string;
  /** the requester's Cookie header, sent to this server only */
  cookie: string;
  /** the requester's X-Forwarded-Proto, if a proxy set one */
  forwardedProto?: string;
  /** shown in every page's header, beside the generation time */
  heading: string;
  generatedAt: Date;
}

export function chromiumPath(): string {
  return process.env.VITALS_CHROMIUM_PATH || "/usr/bin/chromium";
}

/** Where the headless page reaches this server: VITALS_INTERNAL_URL, else the loopback address on PORT. */
export function internalOrigin(): string {
  return (process.env.VITALS_INTERNAL_URL || `http://127.0.0.1:${process.env.PORT || 3000}`).replace(/\/$/, "");
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Header and footer templates: Chromium fills .pageNumber/.totalPages; everything else is plain text. */
export function pageTemplates(heading: string, generatedAt: Date): { headerTemplate: string; footerTemplate: string } {
  const style = "font-size:8px;color:#334155;width:100%;padding:0 12mm;display:flex;justify-content:space-between;font-family:sans-serif";
  const when = `Generated ${generatedAt.toISOString().replace("T", " ").slice(0, 16)} UTC`;
  return {
    headerTemplate: `<div style="${style}"><span>LLM Vitals — ${escapeHtml(heading)}</span><span>${when}</span></div>`,
    footerTemplate: `<div style="${style}"><span>${escapeHtml(heading)} · ${when}</span><span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>`,
  };
}

export async function renderPdf(req: PdfRequest): Promise<Buffer> {
  const executablePath = chromiumPath();
  try {
    await access(executablePath, constants.X_OK);
  } catch {
    throw new AppError("UNAVAILABLE", 503, "PDF export is unavailable: this server has no Chromium (set VITALS_CHROMIUM_PATH). The CSV export still works.", 300);
  }
  if (slot.__vitalsPdfBusy) throw new AppError("UNAVAILABLE", 503, "Another PDF is being rendered; retry in a few seconds.", 10);
  slot.__vitalsPdfBusy = true;
  try {
    return await printPage(executablePath, req);
  } catch (error) {
    if (error instanceof AppError) throw error;
    // A Chromium that crashed or a page that timed out: the client may retry; the detail goes to the log only.
    console.error("pdf export failed:", error);
    throw new AppError("UNAVAILABLE", 503, "The PDF could not be rendered this time; retry shortly.", 30);
  } finally {
    slot.__vitalsPdfBusy = false;
  }
}

async function printPage(executablePath: string, req: PdfRequest): Promise<Buffer> {
  const { chromium } = await import("playwright-core");
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, timeout: RENDER_TIMEOUT_MS });
  // A page that never settles must not hold the one slot: closing the browser fails whatever is waiting.
  const timer = setTimeout(() => void browser.close(), RENDER_TIMEOUT_MS);
  try {
    const origin = internalOrigin();
    // Sent as a header (a cookie jar would refuse a __Secure- cookie over the loopback's http), with the original
    // scheme so the server looks for the same cookie name; requests anywhere but this origin are aborted.
    const headers: Record<string, string> = { cookie: req.cookie };
    if (req.forwardedProto) headers["x-forwarded-proto"] = req.forwardedProto;
    const context = await browser.newContext({ viewport: { width: PRINT_WIDTH_PX, height: 1100 }, extraHTTPHeaders: headers });
    await context.route("**/*", (route) => (route.request().url().startsWith(`${origin}/`) ? route.continue() : route.abort()));
    const page = await context.newPage();
    page.setDefaultTimeout(RENDER_TIMEOUT_MS);
    const response = await page.goto(`${origin}${req.path}`, { waitUntil: "networkidle" });
    if (!response?.ok() || new URL(page.url()).pathname !== new URL(`${origin}${req.path}`).pathname) {
      throw new AppError("UNAVAILABLE", 503, "The report page could not be rendered for the PDF; retry shortly.", 10);
    }
    // Recharts draws after hydration: wait until every chart container has its SVG.
    await page.waitForFunction(() => [...document.querySelectorAll('section[aria-labelledby="daily-heading"]')].every((el) => el.querySelector("svg.recharts-surface")));
    await page.emulateMedia({ media: "print" });
    return await page.pdf({ format: "A4", printBackground: true, displayHeaderFooter: true, margin: { top: "16mm", bottom: "16mm", left: "10mm", right: "10mm" }, ...pageTemplates(req.heading, req.generatedAt) });
  } finally {
    clearTimeout(timer);
    await browser.close().catch(() => undefined);
  }
}
