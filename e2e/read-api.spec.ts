import { expect, test } from "@playwright/test";
import { storageStateOf } from "./fixtures.ts";

// The read-only JSON APIs on the built server, with the browser session as credentials (the API-key path is
// covered by the integration suites): the seeded portfolio is scored with each service's active config.
test.describe("read APIs with a session", () => {
  test.use({ storageState: storageStateOf("viewer") });

  test("a viewer reads the portfolio and a service's health, segments and timeseries", async ({ page }) => {
    const portfolio = await page.request.get("/api/portfolio");
    expect(portfolio.status()).toBe(200);
    const { services } = await portfolio.json();
    expect(services).toHaveLength(10);
    // Every service is scored by an active version (the seed's v1; the governance spec approves a v2 of one).
    for (const s of services) expect(s.configVersion).toBeGreaterThanOrEqual(1);
    // The seeded latency incident of the support chatbot is ongoing: not healthy right now.
    const chatbot = services.find((s: { slug: string }) => s.slug === "customer-support-chatbot");
    expect(["warning", "critical"]).toContain(chatbot.status);

    const health = await (await page.request.get("/api/services/customer-support-chatbot/health")).json();
    expect(health).toMatchObject({ service: "customer-support-chatbot", window: "1h", configVersion: 1 });
    expect(health.components.map((c: { metric: string }) => c.metric)).toContain("latency.p95");

    const segments = await (await page.request.get("/api/services/customer-support-chatbot/segments?dimension=provider")).json();
    // The incident is on one provider: it ranks first by impact.
    expect(segments.segments[0]).toMatchObject({ dimension: "provider", value: "anthropic" });

    const series = await (await page.request.get("/api/services/customer-support-chatbot/timeseries?step=1h")).json();
    expect(series.points).toHaveLength(24);
  });
});

test.describe("read APIs without credentials", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("answer 401 in JSON, not a redirect to the sign-in page", async ({ request }) => {
    const res = await request.get("/api/portfolio", { maxRedirects: 0 });
    expect(res.status()).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: "UNAUTHENTICATED" } });
  });
});
