import { expect, test } from "@playwright/test";
import { openDb } from "../lib/db/client.ts";
import { expectNoSeriousA11yViolations, signIn, storageStateOf } from "./fixtures.ts";

// Settings → Services and Users: an admin adds a service (inline errors first), edits it, adds a person who
// then signs in with the initial password; a viewer is refused the services page. The service is deleted
// afterwards (there is no delete in the product): the portfolio specs count the demo's services.

const SLUG = "e2e-claims";
const EMAIL = `e2e-${Date.now().toString(36)}@example.com`;
const PASSWORD = "an initial password for e2e";

test.describe("as an admin", () => {
  test.use({ storageState: storageStateOf("admin") });
  const removeService = async () => {
    const db = await openDb("file:./data/e2e.db");
    await db.service.deleteMany({ where: { slug: SLUG } }); // owners and config versions cascade
    await db.$disconnect();
  };
  test.beforeAll(removeService); // a run against a reused server may have left it
  test.afterAll(removeService);

  test("adds a service from a template and edits it", async ({ page }) => {
    test.setTimeout(120_000);
    await page.goto("/settings");
    await page.getByRole("link", { name: "Services" }).click();
    await expect(page.getByRole("heading", { name: "Services", level: 1 })).toBeVisible();

    await page.getByRole("button", { name: "Add service" }).click();
    await expect(page.locator("#service-slug-error")).toHaveText(/^Give the service a slug/);
    await expect(page.locator("#service-name-error")).toHaveText(/^Give the service a name/);
    await expect(page.locator("#service-businessUnit-error")).toHaveText(/^Say which business unit/);
    await expect(page.getByLabel("Slug", { exact: true })).toHaveAttribute("aria-invalid", "true");

    await page.getByLabel("Slug", { exact: true }).fill(SLUG);
    await page.getByLabel("Name", { exact: true }).fill("E2E claims");
    await page.getByLabel("Business unit", { exact: true }).fill("insurance");
    await page.getByLabel("Risk tier").selectOption("high");
    await page.getByLabel("Score template").selectOption("legal-rag");
    await page.getByLabel(/owner@vitals\.local/).check();
    await page.getByRole("button", { name: "Add service" }).click();
    await expect(page.getByRole("status").filter({ hasText: `Added ${SLUG}` })).toBeVisible();
    const row = page.getByTestId(`service-row-${SLUG}`);
    await expect(row).toContainText("owner@vitals.local");
    await expect(row).toContainText("v1");
    await expect(row).toContainText("Stored");
    await expectNoSeriousA11yViolations(page);

    // The same slug again is a conflict, said in words.
    await page.getByLabel("Slug", { exact: true }).fill(SLUG);
    await page.getByLabel("Name", { exact: true }).fill("Again");
    await page.getByLabel("Business unit", { exact: true }).fill("insurance");
    await page.getByRole("button", { name: "Add service" }).click();
    await expect(page.getByRole("alert").filter({ hasText: `A service with the slug "${SLUG}" exists already` })).toBeVisible();

    await row.getByRole("link", { name: "Edit E2E claims" }).click();
    await expect(page.getByRole("heading", { name: "Edit E2E claims" })).toBeVisible();
    await page.getByLabel("Name", { exact: true }).fill("E2E claims (edited)");
    await page.getByLabel("Store prompts and responses").uncheck();
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByRole("status").filter({ hasText: `Saved ${SLUG}.` })).toBeVisible();
    await expect(row).toContainText("E2E claims (edited)");
    await expect(row).toContainText("Not stored");

    const response = await page.goto(`/services/${SLUG}`);
    expect(response?.status()).toBe(200);
  });

  test("adds a person who signs in with the initial password", async ({ page, browser }) => {
    await page.goto("/settings/users");
    await page.getByLabel("Email", { exact: true }).fill(EMAIL);
    await page.getByLabel("Name", { exact: true }).fill("E2E Person");
    await page.getByLabel("Role", { exact: true }).selectOption("engineer");
    await page.getByLabel("Initial password").fill("short");
    await page.getByRole("button", { name: "Add person" }).click();
    await expect(page.locator("#user-password-error")).toHaveText("Use an initial password of at least 12 characters.");
    await expect(page.getByLabel("Email", { exact: true })).toHaveValue(EMAIL);

    await page.getByLabel("Initial password").fill(PASSWORD);
    await page.getByRole("button", { name: "Add person" }).click();
    await expect(page.getByRole("status").filter({ hasText: `Added ${EMAIL}.` })).toBeVisible();
    await expect(page.getByTestId(`user-row-${EMAIL}`)).toContainText("Active");
    await expectNoSeriousA11yViolations(page);

    // browser.newContext takes this block's `use` options, admin's session included: start signed out.
    const fresh = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    await signIn(await fresh.newPage(), EMAIL, PASSWORD);
    await fresh.close();
  });
});

test.describe("as a viewer", () => {
  test.use({ storageState: storageStateOf("viewer") });

  test("is refused the services page", async ({ page }) => {
    const response = await page.goto("/settings/services");
    expect(response?.status()).toBe(403);
  });
});
