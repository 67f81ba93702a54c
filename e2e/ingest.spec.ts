import { expect, test } from "@playwright/test";
import { storageStateOf } from "./fixtures.ts";

// The ingest path end to end on the built server: a key made in Settings is shown once, takes events through
// POST /api/ingest, and stops working the moment it is revoked.
test.describe("API keys and ingest", () => {
  test.use({ storageState: storageStateOf("owner") });

  test("an owner creates a key, sends events with it, and revokes it", async ({ page, request }) => {
    await page.goto("/settings/api-keys");
    await page.locator("#api-key-name").fill("e2e pipeline");
    await page.locator("#api-key-service").selectOption("customer-support-chatbot");
    await page.getByRole("button", { name: "Create key" }).click();

    const shown = page.getByTestId("created-key");
    await expect(shown).toBeVisible();
    const key = await shown.getByRole("textbox").inputValue();
    expect(key).toMatch(/^lvk_[0-9a-f]{8}_[\w-]{43}$/);
    const prefix = key.slice(0, 12);

    const event = (id: string) => ({
      event_id: id,
      service: "customer-support-chatbot",
      timestamp: new Date().toISOString(),
      model: "gpt-4o",
      provider: "openai",
      latency_ms: 950,
      status: "ok",
    });
    const send = (ids: string[]) =>
      request.post("/api/ingest", { headers: { authorization: `Bearer ${key}` }, data: { events: ids.map(event) } });

    const first = await send(["e2e-1", "e2e-2"]);
    expect(first.status()).toBe(200);
    expect(await first.json()).toEqual({ accepted: 2, duplicates: 0, rejected: [] });
    expect(await (await send(["e2e-1"])).json()).toEqual({ accepted: 0, duplicates: 1, rejected: [] });

    // The key is scoped to one service: another service's events are refused.
    const other = await request.post("/api/ingest", {
      headers: { authorization: `Bearer ${key}` },
      data: { events: [{ ...event("e2e-3"), service: "legal-rag-assistant" }] },
    });
    expect(other.status()).toBe(403);

    // After a reload the secret is gone; only the prefix remains.
    await page.reload();
    await expect(page.getByTestId("created-key")).toHaveCount(0);
    const row = page.getByTestId(`api-key-row-${prefix}`);
    await expect(row).toContainText("e2e pipeline");

    await row.getByRole("button", { name: /^Revoke/ }).click();
    await row.getByRole("button", { name: "Revoke now" }).click();
    await expect(row).toContainText(/revoked/i);
    expect((await send(["e2e-4"])).status()).toBe(401);
  });
});

test("a viewer cannot manage API keys", async ({ browser }) => {
  const context = await browser.newContext({ storageState: storageStateOf("viewer") });
  const page = await context.newPage();
  const response = await page.goto("/settings/api-keys");
  expect(response?.status()).toBe(403);
  await context.close();
});
