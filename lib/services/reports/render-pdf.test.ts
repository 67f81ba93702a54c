import { existsSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pdfText } from "./pdf-text.ts";
import { chromiumPath, pageTemplates, renderPdf } from "./render-pdf.ts";

// renderPdf against a tiny stand-in for the app: it must send the requester's cookie to this origin only, wait
// for the chart's SVG, and print the heading and the generation time on every page.

const seen: { path: string; cookie: string | undefined }[] = [];
let server: Server;

const PAGE = `<!doctype html><html><body><h1>Quarterly report body</h1>
<section aria-labelledby="daily-heading"><h2 id="daily-heading">Chart</h2><div id="chart"></div></section>
${"<p>filler line to make a second page</p>".repeat(120)}
<img src="http://example.invalid/leak.png">
<script>setTimeout(() => { document.getElementById("chart").innerHTML = '<svg class="recharts-surface" width="10" height="10"></svg>'; }, 200)</script>
</body></html>`;

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push({ path: req.url ?? "", cookie: req.headers.cookie });
    res.writeHead(200, { "content-type": "text/html" }).end(PAGE);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  process.env.VITALS_INTERNAL_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => {
  delete process.env.VITALS_INTERNAL_URL;
  server.close();
});

describe("renderPdf", () => {
  it("escapes the heading in the page templates", () => {
    expect(pageTemplates("<b>Q4</b>", new Date("2026-11-27T01:02:00Z")).headerTemplate).toContain("&#60;b&#62;Q4");
  });

  it.skipIf(!existsSync(chromiumPath()))("prints the page as the requester, heading and time on every page", async () => {
    const pdf = await renderPdf({ path: "/reports?period=quarter", cookie: "authjs.session-token=abc", heading: "Q4 2026", generatedAt: new Date("2026-11-27T01:02:00Z") });
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const pages = await pdfText(pdf);
    expect(pages.length).toBeGreaterThan(1);
    for (const text of pages) {
      expect(text).toContain("Q4 2026");
      expect(text).toContain("Generated 2026-11-27 01:02 UTC");
    }
    expect(pages[0]).toContain("Quarterly report body");
    expect(seen).toEqual([{ path: "/reports?period=quarter", cookie: "authjs.session-token=abc" }]);
  }, 60_000);

  it("answers 503 with Retry-After when Chromium is missing", async () => {
    process.env.VITALS_CHROMIUM_PATH = "/nonexistent/chromium";
    try {
      await expect(renderPdf({ path: "/", cookie: "", heading: "x", generatedAt: new Date() })).rejects.toMatchObject({ status: 503, retryAfterSeconds: 300 });
    } finally {
      delete process.env.VITALS_CHROMIUM_PATH;
    }
  });
});
