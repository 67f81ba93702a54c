import { expect, test, type Page } from "@playwright/test";
import { expectNoSeriousA11yViolations, storageStateOf } from "./fixtures.ts";

// The on-call triage story on the seeded demo: the support chatbot has an ongoing Anthropic latency spike
// (the last 90 minutes). Each step saves a screenshot under e2e/screenshots/ and runs axe on the page.

const SLUG = "customer-support-chatbot";
const shot = (page: Page, name: string) => page.screenshot({ path: `e2e/screenshots/${name}.png`, fullPage: true });

test.describe("triage as an engineer", () => {
  test.use({ storageState: storageStateOf("engineer") });

  test("portfolio → service → component → provider → that provider's slow events", async ({ page }) => {
    // Eight steps, five axe scans and five full-page screenshots on a shared 2-core machine.
    test.setTimeout(120_000);
    // 1. The portfolio lists the unhealthy services first (the demo has two ongoing incidents: this latency
    //    spike and the legal assistant's hallucination regression, whose scores are close), worst first.
    await page.goto("/");
    const rows = page.getByTestId("service-row");
    await expect(rows).toHaveCount(10);
    const RANK: Record<string, number> = { critical: 0, warning: 1, no_data: 2, healthy: 3 };
    const listed = await rows.evaluateAll((els) => els.map((e) => ({ slug: e.getAttribute("data-slug"), status: e.querySelector("[data-status]")!.getAttribute("data-status")! })));
    const ranks = listed.map((r) => RANK[r.status] ?? 9);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    const unhealthy = listed.filter((r) => r.status === "critical" || r.status === "warning").length;
    expect(unhealthy).toBe(Number(await page.getByTestId("count-critical").locator("span").first().innerText())
      + Number(await page.getByTestId("count-warning").locator("span").first().innerText()));
    const position = listed.findIndex((r) => r.slug === SLUG);
    expect(position).toBeGreaterThanOrEqual(0);
    expect(position, "the incident's service is among the unhealthy ones at the top").toBeLessThan(unhealthy);
    const row = rows.nth(position);
    await expect(row.locator("[data-status]")).toHaveAttribute("data-status", /warning|critical/);
    await expect(row.getByTestId("top-loser")).toContainText("Most points lost:");
    await shot(page, "01-portfolio");
    await expectNoSeriousA11yViolations(page);

    // 2. Its page lists first the component that loses the most points (as the health API computes them).
    await row.getByRole("link").click();
    await expect(page).toHaveURL(new RegExp(`/services/${SLUG}$`));
    const health = await (await page.request.get(`/api/services/${SLUG}/health`)).json();
    const worst = [...health.components].sort((a, b) => (b.pointsLost ?? -1) - (a.pointsLost ?? -1))[0];
    await expect(page.getByTestId("component-row").first()).toHaveAttribute("data-metric", worst.metric);
    await expect(page.getByTestId("score-value")).toHaveText(String(Math.round(health.score)));
    await page.getByRole("button", { name: `Chart of ${worst.metric}` }).click();
    await expect(page.locator(`#chart-${worst.metric.replace(/[^\w-]/g, "-")} svg`).first()).toBeVisible();
    await shot(page, "02-service");
    await expectNoSeriousA11yViolations(page);

    // 3. Ranking by provider puts the degraded provider first.
    await page.getByLabel("Dimension").selectOption("model");
    await expect(page).toHaveURL(/dim=model/);
    await page.getByLabel("Dimension").selectOption("provider");
    await expect(page).not.toHaveURL(/dim=/);
    const segmentRows = page.getByTestId("segment-row");
    await expect(segmentRows.first()).toHaveAttribute("data-value", "anthropic");
    await shot(page, "03-segments-by-provider");

    // 4. Filtering to it narrows the explorer; "Slowest" lists that provider's events, slowest first.
    await segmentRows.first().getByRole("button").click();
    await expect(page).toHaveURL(/segment=provider%3Aanthropic/);
    await expect(page.getByTestId("active-segment")).toContainText("provider = anthropic");
    const events = page.getByTestId("events");
    await events.getByRole("button", { name: "Slowest" }).click();
    await expect(page).toHaveURL(/filter=slowest/);
    await expect(page.getByTestId("events-scope")).toContainText("provider = anthropic");
    const eventRows = page.getByTestId("event-row");
    await expect(eventRows).toHaveCount(25);
    for (const provider of await eventRows.evaluateAll((els) => els.map((e) => e.getAttribute("data-provider")))) expect(provider).toBe("anthropic");
    const latencies = (await page.getByTestId("event-latency").evaluateAll((els) => els.map((e) => Number(e.getAttribute("data-ms")))));
    expect(latencies).toEqual([...latencies].sort((a, b) => b - a));
    const segmentHealth = await (await page.request.get(`/api/services/${SLUG}/health?segment=provider:anthropic`)).json();
    const p95 = segmentHealth.components.find((c: { metric: string }) => c.metric === "latency.p95").value;
    expect(latencies[0]).toBeGreaterThanOrEqual(p95);
    await shot(page, "04-slowest-anthropic-events");
    await expectNoSeriousA11yViolations(page);

    // 5. An event's detail shows every field and, for this role and service, the prompt.
    await eventRows.first().getByRole("button", { name: /Details/ }).click();
    const detail = page.getByTestId("event-detail");
    await expect(detail).toBeVisible();
    await expect(detail).toContainText("anthropic");
    await expect(detail.getByTestId("event-prompt")).not.toBeEmpty();
    await expect(page).toHaveURL(/event=/);
    await shot(page, "05-event-detail");
    await expectNoSeriousA11yViolations(page);
    await page.keyboard.press("Escape");
    await expect(detail).toBeHidden();

    // 6. The URL holds the view: reloading it shows the same segment and filter.
    await page.reload();
    await expect(page.getByTestId("active-segment")).toContainText("provider = anthropic");
    await expect(page.getByRole("button", { name: "Slowest" })).toHaveAttribute("aria-pressed", "true");
    await expect(page.getByTestId("event-row").first()).toHaveAttribute("data-provider", "anthropic");
  });

  test("the portfolio's search, filters and status counts narrow the list, and the URL keeps them", async ({ page }) => {
    await page.goto("/");
    const rows = page.getByTestId("service-row");
    await expect(rows).toHaveCount(10);
    await page.getByRole("searchbox", { name: "Search" }).fill("chatbot");
    await expect(rows).toHaveCount(1);
    await expect(page).toHaveURL(/q=chatbot/);
    await page.getByRole("button", { name: "Clear filters" }).click();
    await page.getByLabel("Business unit").selectOption("Finance");
    await expect(rows).toHaveCount(2);
    for (const unit of await rows.evaluateAll((els) => els.map((e) => e.textContent))) expect(unit).toContain("Finance");
    await page.getByLabel("Business unit").selectOption("");
    await page.getByLabel("Provider").selectOption("anthropic");
    await expect(page.locator(`[data-testid=service-row][data-slug=${SLUG}]`)).toHaveCount(1);
    // The internal FAQ bot calls OpenAI, Google and Mistral only.
    await expect(page.locator("[data-testid=service-row][data-slug=internal-faq-bot]")).toHaveCount(0);
    await page.getByLabel("Provider").selectOption("");
    const critical = Number(await page.getByTestId("count-critical").locator("span").first().innerText());
    await page.getByTestId("count-critical").click();
    await expect(rows).toHaveCount(critical);
    await page.reload();
    await expect(page.getByTestId("count-critical")).toHaveAttribute("aria-pressed", "true");
    await expect(rows).toHaveCount(critical);
  });

  test("a service that keeps no prompts says so in the event detail", async ({ page }) => {
    await page.goto("/services/financial-doc-extraction");
    await page.getByTestId("event-row").first().getByRole("button", { name: /Details/ }).click();
    await expect(page.getByTestId("prompt-section")).toContainText("keeps no prompts or responses");
    await expect(page.getByTestId("event-prompt")).toHaveCount(0);
  });

  test("the range picker is keyboard reachable and its state lives in the URL", async ({ page }) => {
    await page.goto(`/services/${SLUG}`);
    const oneHour = page.getByRole("group", { name: "Time range" }).getByRole("button", { name: "1 h" });
    await oneHour.focus();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/range=1h/);
    await expect(oneHour).toHaveAttribute("aria-pressed", "true");
    await expect(page.getByTestId("score-over-time")).toContainText("every 1m");
    await page.goBack();
    await expect(page).not.toHaveURL(/range=/);
    await expect(page.getByTestId("score-over-time")).toContainText("every 5m");
  });
});

test.describe("states", () => {
  test.use({ storageState: storageStateOf("engineer") });

  test("a failed section shows what went wrong, with a retry that recovers", async ({ page }) => {
    await page.goto(`/services/${SLUG}`);
    const unavailable = { error: { code: "UNAVAILABLE", message: "The database is unavailable; retry later." } };
    await page.route("**/segments?**", (route) => route.fulfill({ status: 503, contentType: "application/json", body: JSON.stringify(unavailable) }));
    await page.getByLabel("Dimension").selectOption("model");
    const segments = page.getByTestId("segments");
    // TanStack Query retries three times with backoff before it reports the error.
    await expect(segments.getByRole("alert")).toContainText("The database is unavailable", { timeout: 20_000 });
    await page.unroute("**/segments?**");
    await segments.getByRole("button", { name: "Retry" }).click();
    await expect(segments.getByRole("alert")).toHaveCount(0);
    await expect(segments.getByTestId("segment-row").first()).toBeVisible();
  });

  test("a range before the demo's history shows empty states, not errors", async ({ page }) => {
    const to = new Date(Date.now() - 20 * 86_400_000);
    const from = new Date(to.getTime() - 86_400_000);
    await page.goto(`/services/${SLUG}?range=custom&from=${from.toISOString()}&to=${to.toISOString()}`);
    await expect(page.getByTestId("score-card")).toContainText("No traffic in this window.");
    await expect(page.getByTestId("score-card").locator("[data-status]")).toHaveAttribute("data-status", "no_data");
    await expect(page.getByTestId("score-over-time")).toContainText("No traffic in this range");
    await expect(page.getByTestId("segments")).toContainText("No traffic in this window");
    await expect(page.getByTestId("events")).toContainText("No events match");
    await expect(page.getByTestId("live-note")).toHaveText("Fixed time range: not refreshing");
  });
});

test.describe("a viewer", () => {
  test.use({ storageState: storageStateOf("viewer") });

  test("sees scores and segments but no raw events or prompts", async ({ page }) => {
    await page.goto(`/services/${SLUG}?segment=provider:anthropic&filter=slowest`);
    await expect(page.getByTestId("component-row").first()).toBeVisible();
    await expect(page.getByTestId("segment-row").first()).toBeVisible();
    await expect(page.getByTestId("events-restricted")).toBeVisible();
    await expect(page.getByTestId("event-row")).toHaveCount(0);
    await expect(page.getByTestId("prompt-section")).toHaveCount(0);
    expect((await page.request.get(`/api/services/${SLUG}/events`)).status()).toBe(403);
    expect((await page.request.get(`/api/services/${SLUG}/events/any-id`)).status()).toBe(403);
    await shot(page, "06-viewer-service");
    await expectNoSeriousA11yViolations(page);
  });
});

test.describe("on a 390 px phone", () => {
  test.use({ storageState: storageStateOf("engineer"), viewport: { width: 390, height: 844 } });

  for (const path of ["/", `/services/${SLUG}`]) {
    test(`${path} fits the screen`, async ({ page }) => {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(1);
      await shot(page, path === "/" ? "07-phone-portfolio" : "08-phone-service");
      await expectNoSeriousA11yViolations(page);
    });
  }
});
