import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { expectNoSeriousA11yViolations, storageStateOf } from "./fixtures.ts";
import { pdfText } from "../lib/services/reports/pdf-text.ts";

// The executive report on the seeded demo, as a viewer: this month by risk tier. The support chatbot's ongoing
// latency spike (the last 90 minutes) must show as time in critical and an alert episode; the CSV export must
// add up to the totals the page shows.

const SLUG = "customer-support-chatbot";
const shot = (page: Page, name: string) => page.screenshot({ path: `e2e/screenshots/reports-${name}.png`, fullPage: true });

const digits = (text: string) => Number(text.replace(/[^\d.-]/g, ""));

/** A CSV of plain cells (the demo has no commas or quotes in names) as objects keyed by the header. */
function parseCsv(text: string): Record<string, string>[] {
  const [header, ...lines] = text.trimEnd().split("\r\n").map((l) => l.split(","));
  return lines.map((cells) => Object.fromEntries(header!.map((h, i) => [h, cells[i] ?? ""])));
}

test.describe("reports as a viewer", () => {
  test.use({ storageState: storageStateOf("viewer") });

  test("the monthly report by risk tier shows the incident, and its CSV adds up to the page", async ({ page }) => {
    test.setTimeout(120_000);
    await page.goto("/reports");
    await expect(page.getByRole("heading", { name: "Reports", level: 1 })).toBeVisible();

    // Pick the month and the risk-tier grouping through the form (a plain GET form).
    const form = page.getByRole("form", { name: "Report period and grouping" });
    await form.getByLabel("Period").selectOption("month");
    await form.getByLabel("Group by").selectOption("risk_tier");
    await form.getByRole("button", { name: "Show report" }).click();
    await expect(page).toHaveURL(/groupBy=risk_tier/);
    await expect(page.getByTestId("report-period")).toContainText("so far");
    const groups = page.getByTestId("group-row");
    await expect(groups.first()).toContainText("risk");

    // The chatbot: time in critical and at least one alert episode, on the page and in the API's figures.
    const row = page.locator(`[data-testid="service-row"][data-slug="${SLUG}"]`);
    await expect(row).toBeVisible();
    await expect(row.getByTestId("critical-time")).not.toHaveText("—");
    await expect(row.getByTestId("critical-time")).not.toHaveText("0 s");
    const api = await (await page.request.get("/api/reports?period=month&groupBy=risk_tier")).json();
    const chatbot = api.groups.flatMap((g: { services: unknown[] }) => g.services).find((s: { slug: string }) => s.slug === SLUG);
    expect(chatbot.figures.statusMs.critical).toBeGreaterThan(0);
    expect(chatbot.figures.episodes.critical + chatbot.figures.episodes.warning).toBeGreaterThanOrEqual(1);
    await expect(row.getByTestId("episodes")).toContainText(`${chatbot.figures.episodes.critical} crit / ${chatbot.figures.episodes.warning} warn`);

    // Sorting a services table by cost is a keyboard-reachable header button.
    const table = page.getByTestId("services-table").first();
    const costHeader = table.getByRole("columnheader", { name: /^Cost/ }).first();
    await costHeader.getByRole("button").focus();
    await page.keyboard.press("Enter");
    await expect(costHeader).toHaveAttribute("aria-sort", "ascending");

    await shot(page, "01-month-by-tier");
    await expectNoSeriousA11yViolations(page);

    // The CSV: its service rows add up to its portfolio row, which matches the page's totals.
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download CSV" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^vitals-report-month-\d{4}-\d{2}-01-by-risk_tier\.csv$/);
    const rows = parseCsv(await readFile(await download.path(), "utf8"));
    const services = rows.filter((r) => r.level === "service");
    const portfolio = rows.find((r) => r.level === "portfolio")!;
    expect(services.map((r) => r.service)).toContain(SLUG);
    for (const column of ["requests", "warning_episodes", "critical_episodes"]) {
      expect(services.reduce((s, r) => s + Number(r[column]), 0), column).toBe(Number(portfolio[column]));
    }
    expect(services.reduce((s, r) => s + Number(r.cost_usd), 0)).toBeCloseTo(Number(portfolio.cost_usd), 4);
    expect(services.reduce((s, r) => s + Number(r.critical_hours), 0)).toBeCloseTo(Number(portfolio.critical_hours), 2);
    const total = page.getByTestId("group-total");
    expect(digits(await total.getByTestId("requests").innerText())).toBe(Number(portfolio.requests));
    const [crit, warn] = (await total.getByTestId("episodes").innerText()).split("/").map(digits);
    expect([crit, warn]).toEqual([Number(portfolio.critical_episodes), Number(portfolio.warning_episodes)]);

    // A phone-sized screen gets the same report, one column.
    await page.setViewportSize({ width: 390, height: 844 });
    await expect(row).toBeAttached();
    // Visually hidden text inside a scrolling table is positioned: its container must hold it, or the page scrolls sideways.
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(scrollWidth, "nothing overflows the phone's width").toBeLessThanOrEqual(390);
    await shot(page, "02-mobile");
  });

  test("a bad address falls back to this month and says why; the API answers 400", async ({ page }) => {
    await page.goto("/reports?period=decade");
    await expect(page.getByText("period: Expected one of week, month, quarter, custom.")).toBeVisible();
    const res = await page.request.get("/api/reports?period=custom&from=2026-11-02T00:00:00Z");
    expect(res.status()).toBe(400);
    expect((await res.json()).error.issues.map((i: { path: string }) => i.path)).toContain("to");
  });
});

interface ApiReport {
  period: { label: string };
  portfolio: { figures: { requests: number } };
  groups: { label: string }[];
}

const LIVE = "/api/reports?period=month&groupBy=business_unit";
const squash = (text: string) => text.replace(/\s+/g, "");

test.describe("report snapshots and the PDF as an admin", () => {
  test.use({ storageState: storageStateOf("admin") });

  test("a saved snapshot stays as it was after more traffic; the PDF has the period and every group", async ({ page }) => {
    test.setTimeout(150_000);
    await page.goto("/reports?period=month&groupBy=business_unit");
    await page.getByRole("button", { name: "Save as snapshot" }).click();
    await expect(page).toHaveURL(/\/reports\/snapshots\/[a-z0-9]+$/);
    const id = page.url().split("/").pop()!;
    await expect(page.getByTestId("snapshot-label")).toContainText(/Snapshot of \w+ \d{4}, saved by admin@vitals\.local at .* — figures as computed then/);
    const saved = await (await page.request.get(`/api/reports/snapshots/${id}`)).json();
    const requestsShown = await page.getByTestId("group-total").getByTestId("requests").innerText();
    expect(digits(requestsShown)).toBe(saved.report.portfolio.figures.requests);

    // More traffic, through the demo's all-services key; wait until the live report has folded it in.
    const key = (await readFile("data/e2e.db.demo-api-key", "utf8")).trim();
    const events = Array.from({ length: 25 }, (_, i) => ({
      event_id: `snapshot-e2e-${Date.now()}-${i}`, service: SLUG, timestamp: new Date().toISOString(), model: "gpt-4o", provider: "openai", latency_ms: 900, status: "ok",
    }));
    const sent = await page.request.post("/api/ingest", { headers: { authorization: `Bearer ${key}` }, data: { events } });
    expect(await sent.json()).toMatchObject({ accepted: 25 });
    const liveRequests = async () => ((await (await page.request.get(LIVE)).json()) as ApiReport).portfolio.figures.requests;
    await expect.poll(liveRequests, { timeout: 30_000 }).toBeGreaterThanOrEqual(saved.report.portfolio.figures.requests + 25);

    // The snapshot is exactly as saved: the stored object and the page.
    await page.reload();
    await expect(page.getByTestId("group-total").getByTestId("requests")).toHaveText(requestsShown);
    expect(await (await page.request.get(`/api/reports/snapshots/${id}`)).json()).toEqual(saved);
    await shot(page, "03-snapshot");
    await expectNoSeriousA11yViolations(page);
    await page.goto("/reports/snapshots");
    await expect(page.getByTestId("snapshot-row").first()).toContainText("admin@vitals.local");
    await expect(page.getByTestId("snapshot-row").first()).toContainText("manual");

    // The PDF of the live report: a real PDF whose text has the period and every group's name.
    const live = (await (await page.request.get(LIVE)).json()) as ApiReport;
    await page.goto("/reports?period=month&groupBy=business_unit");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download PDF" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^vitals-report-month-\d{4}-\d{2}-01-by-business_unit\.pdf$/);
    const pdf = await readFile(await download.path());
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const pages = await pdfText(pdf);
    const text = squash(pages.join(" "));
    expect(text).toContain(squash(live.period.label));
    for (const g of live.groups) expect(text, g.label).toContain(squash(g.label));
    for (const p of pages) expect(squash(p), "the period on every page").toContain(squash(live.period.label));

    // The snapshot's PDF prints the saved page: its label and the stored figures.
    const snapPdf = await page.request.get(`/api/reports/snapshots/${id}?format=pdf`);
    expect(snapPdf.headers()["content-type"]).toBe("application/pdf");
    const snapText = squash((await pdfText(await snapPdf.body())).join(" "));
    expect(snapText).toContain(squash(`Snapshot of ${saved.report.period.label}, saved by admin@vitals.local`));
    expect(snapText).toContain(squash(requestsShown));
  });
});

test.describe("report snapshots as a viewer", () => {
  test.use({ storageState: storageStateOf("viewer") });

  test("a viewer sees no save button and the API refuses the save", async ({ page }) => {
    await page.goto("/reports");
    await expect(page.getByRole("link", { name: "Download PDF" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Save as snapshot" })).toHaveCount(0);
    const res = await page.request.post("/api/reports/snapshots", { data: { period: "month" } });
    expect(res.status()).toBe(403);
  });
});
