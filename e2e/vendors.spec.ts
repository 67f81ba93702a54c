import { expect, test, type Page } from "@playwright/test";
import { expectNoSeriousA11yViolations, storageStateOf } from "./fixtures.ts";

// The vendor view on the seeded demo. The support chatbot had a two-hour Anthropic latency spike (×4 latency,
// 15 % timeouts) five days before the seed; outside it the chatbot's hourly p95 stays under ~7.5 s. An admin sets
// every provider's targets to p95 ≤ 10,000 ms and errors ≤ 15 % in Settings → Vendors, then the vendor page for
// a custom period around the spike must rank anthropic below its peers for the chatbot's workload: its spike
// hours miss the latency target, so its compliance is the lowest of the chatbot's providers.

const SLUG = "customer-support-chatbot";
const PROVIDERS = ["openai", "anthropic", "google", "mistral"];
const DAY = 86_400_000;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const shot = (page: Page, name: string) => page.screenshot({ path: `e2e/screenshots/vendors-${name}.png`, fullPage: true });

test.describe("vendors as an admin", () => {
  test.use({ storageState: storageStateOf("admin") });

  test("targets set in Settings rank the spiking provider below its peers for the chatbot", async ({ page }) => {
    test.setTimeout(180_000);
    await page.goto("/settings");
    await page.getByRole("link", { name: "Vendors / SLA targets" }).click();
    await expect(page.getByRole("heading", { name: "Vendor SLA targets", level: 1 })).toBeVisible();

    // A bad value is refused next to its field.
    const first = page.locator(`[data-testid="sla-target"][data-provider="anthropic"]`);
    await first.getByLabel("p95 latency target (ms)").fill("0");
    await first.getByLabel("Error rate target (%)").fill("15");
    await first.getByRole("button", { name: "Save" }).click();
    await expect(first.getByText("The p95 latency target must be above 0 ms.")).toBeVisible();
    await expect(first.getByLabel("p95 latency target (ms)")).toHaveAttribute("aria-invalid", "true");

    for (const provider of PROVIDERS) {
      const row = page.locator(`[data-testid="sla-target"][data-provider="${provider}"]`);
      await row.getByLabel("p95 latency target (ms)").fill("10000");
      await row.getByLabel("Error rate target (%)").fill("15");
      await row.getByRole("button", { name: "Save" }).click();
      await expect(row.getByText(`Saved the targets of ${provider}.`)).toBeVisible();
    }
    await shot(page, "settings");

    // The vendor page for three days around the spike (five days before the seed, i.e. before now), through the form.
    const now = Date.now();
    await page.goto("/vendors");
    await expect(page.getByRole("heading", { name: "Vendors", level: 1 })).toBeVisible();
    const form = page.getByRole("form", { name: "Vendor period" });
    await form.getByLabel("Period").selectOption("custom");
    await form.getByLabel("From (UTC, first day)").fill(day(now - 6 * DAY));
    await form.getByLabel("To (UTC, day after the last)").fill(day(now - 3 * DAY));
    await form.getByRole("button", { name: "Show vendors" }).click();
    await expect(page).toHaveURL(/period=custom/);
    await expect(page.getByTestId("vendors-period")).toContainText(day(now - 6 * DAY).slice(8, 10).replace(/^0/, ""));

    const chat = page.locator(`[data-testid="failover-workload"][data-service="${SLUG}"]`);
    const rows = chat.getByTestId("failover-row");
    await expect(rows.first()).toBeVisible();
    const ranking = await rows.evaluateAll((trs) => trs.map((tr) => ({
      provider: tr.getAttribute("data-provider")!, rank: Number(tr.getAttribute("data-rank")), eligibility: tr.getAttribute("data-eligibility")!,
    })));
    const anthropic = ranking.find((r) => r.provider === "anthropic")!;
    const peers = ranking.filter((r) => r.provider !== "anthropic");
    expect(peers.length).toBeGreaterThan(0);
    expect(anthropic.eligibility).toBe("misses-sla");
    for (const peer of peers) expect(anthropic.rank, `anthropic below ${peer.provider}`).toBeGreaterThan(peer.rank);
    expect(ranking.at(-1)!.provider).toBe("anthropic");

    // The providers table shows the targets and anthropic's missed hours.
    const providerRow = page.getByTestId("providers-table").locator(`tr[data-provider="anthropic"]`);
    await expect(providerRow.getByTestId("compliance")).toContainText("missed");

    // The API answers the same figures for the session.
    const search = new URL(page.url()).searchParams;
    const api = await page.request.get(`/api/vendors?period=custom&from=${search.get("from")}T00:00:00Z&to=${search.get("to")}T00:00:00Z`);
    expect(api.status()).toBe(200);
    const body = (await api.json()) as { workloads: { service: string; candidates: { provider: string; rank: number }[] }[] };
    expect(body.workloads.find((w) => w.service === SLUG)!.candidates.map((c) => [c.provider, c.rank])).toEqual(ranking.map((r) => [r.provider, r.rank]));

    await expectNoSeriousA11yViolations(page);
    await shot(page, "spike-1280");

    // 390 px: the page itself does not scroll sideways (wide tables scroll inside their own focusable region).
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await expect(chat).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(1);
    await shot(page, "spike-390");

    // Keyboard: the period picker is reachable from the skip link.
    await page.keyboard.press("Tab");
    let reached = false;
    for (let i = 0; i < 30 && !reached; i++) {
      await page.keyboard.press("Tab");
      reached = await page.evaluate(() => document.activeElement?.getAttribute("name") === "period");
    }
    expect(reached).toBe(true);
  });
});

test.describe("vendors as a viewer", () => {
  test.use({ storageState: storageStateOf("viewer") });

  test("reads the vendor page; the SLA settings are an admin's", async ({ page }) => {
    await page.goto("/vendors?period=custom&from=2020-01-01&to=2020-01-02");
    await expect(page.getByRole("heading", { name: "Vendors", level: 1 })).toBeVisible();
    // A period without traffic: the empty states, not an error.
    await expect(page.getByText("No provider traffic in this period.")).toBeVisible();
    await page.goto("/vendors?period=custom&from=2026-01-01");
    await expect(page.getByText("to: A custom period needs to (RFC 3339).")).toBeVisible();
    const res = await page.goto("/settings/vendors");
    expect(res?.status()).toBe(403);
  });
});
