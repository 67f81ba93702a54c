import { expect, test } from "@playwright/test";
import { verifySignature } from "../lib/integrations/signature.ts";
import { startCaptureServer, type CaptureServer } from "../lib/testing/capture-server.ts";
import { expectNoSeriousA11yViolations, storageStateOf } from "./fixtures.ts";

// Settings → Channels: an admin adds a signed webhook (inline errors first), sends a test that a local
// receiver checks the signature of, sees a failing test reported, disables and re-enables it, and deletes it.
// An engineer is refused the page.

const NAME = "e2e-hook";
const SECRET = "e2e-webhook-secret-123456";
let cap: CaptureServer;

test.beforeAll(async () => {
  cap = await startCaptureServer();
});
test.afterAll(async () => {
  await cap?.close();
});

test.describe("as an admin", () => {
  test.use({ storageState: storageStateOf("admin") });

  test("adds a webhook channel, tests it, disables, re-enables and deletes it", async ({ page }) => {
    test.setTimeout(120_000);
    await page.goto("/settings");
    await page.getByRole("link", { name: "Channels" }).click();
    await expect(page.getByRole("heading", { name: "Channels", level: 1 })).toBeVisible();

    await page.getByRole("button", { name: "Add channel" }).click();
    await expect(page.locator("#channel-name-error")).toHaveText(/^Give the channel a name/);
    await expect(page.locator("#channel-url-error")).toHaveText(/^Give a URL/);
    await expect(page.locator("#channel-secret-error")).toHaveText(/^Give a shared secret|^Use a secret of at least 16/);
    await expect(page.getByLabel("Name")).toHaveAttribute("aria-invalid", "true");

    await page.getByLabel("Name").fill(NAME);
    await page.getByLabel("Endpoint URL").fill(`${cap.base}/e2e`);
    await page.getByLabel("Signing secret").fill(SECRET);
    await page.getByRole("button", { name: "Add channel" }).click();
    await expect(page.getByRole("status").filter({ hasText: `Saved ${NAME}.` })).toBeVisible();
    const row = page.getByTestId(`channel-row-${NAME}`);
    await expect(row).toContainText("secret ••••3456");
    await expect(row).not.toContainText(SECRET);
    await expectNoSeriousA11yViolations(page);

    await row.getByRole("button", { name: `Send a test to ${NAME}` }).click();
    await expect(row.getByRole("status").filter({ hasText: "Test sent: the endpoint answered HTTP 200." })).toBeVisible();
    const [received] = cap.on("/e2e");
    expect(JSON.parse(received!.body)).toMatchObject({ type: "test", channel: NAME });
    expect(verifySignature(SECRET, received!.headers["x-vitals-signature"] as string, received!.body, new Date())).toBe(true);

    cap.reply("/e2e", { status: 500 });
    await row.getByRole("button", { name: `Send a test to ${NAME}` }).click();
    await expect(row.getByRole("alert").filter({ hasText: "The test failed: HTTP 500." })).toBeVisible();
    await expect(row).toContainText("failed · HTTP 500");

    await row.getByRole("button", { name: `Disable ${NAME}` }).click();
    await expect(row).toContainText("Disabled by admin@vitals.local.");
    await row.getByRole("button", { name: `Re-enable ${NAME}` }).click();
    await expect(row.getByText("Enabled", { exact: true })).toBeVisible();

    await row.getByRole("button", { name: `Delete ${NAME}` }).click();
    await page.getByRole("button", { name: "Delete now" }).click();
    await expect(row).toHaveCount(0);
  });
});

test.describe("as an engineer", () => {
  test.use({ storageState: storageStateOf("engineer") });

  test("is refused the channels page", async ({ page }) => {
    const response = await page.goto("/settings/channels");
    expect(response?.status()).toBe(403);
  });
});
