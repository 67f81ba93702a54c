import { expect, test, type Page } from "@playwright/test";
import { DEMO_SERVICES } from "../lib/domain/demo/index.ts";
import { emailOf, ROLES, signIn, storageStateOf } from "./fixtures.ts";

test.describe("every demo role sees the whole portfolio", () => {
  for (const role of ROLES) {
    test.describe(role, () => {
      test.use({ storageState: storageStateOf(role) });

      test(`${role} sees every seeded service with its unit and tier`, async ({ page }) => {
        await page.goto("/");
        await expect(page.getByTestId("current-user")).toContainText(role);
        const rows = page.getByTestId("service-row");
        await expect(rows).toHaveCount(DEMO_SERVICES.length);
        for (const service of DEMO_SERVICES) {
          const row = rows.filter({ hasText: service.name });
          await expect(row).toContainText(service.businessUnit);
          await expect(row).toContainText(`${service.riskTier} risk`);
          await expect(row.getByRole("link", { name: service.name })).toHaveAttribute("href", `/services/${service.slug}`);
        }
      });
    });
  }
});

test("a wrong password shows a clear error and no session", async ({ page }) => {
  await page.goto("/signin");
  await page.getByLabel("Email").fill("viewer@vitals.local");
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("signin-error")).toHaveText("Wrong email or password, or the account is disabled.");
  await expect(page.getByLabel("Email")).toHaveValue("viewer@vitals.local");
  await page.goto("/");
  await expect(page).toHaveURL(/\/signin/);
});

test("an empty form says what is missing, field by field", async ({ page }) => {
  await page.goto("/signin");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Enter an email address such as you@example.com.")).toBeVisible();
  await expect(page.getByText("Enter your password.")).toBeVisible();
});

test("signed-out visits to dashboard pages go to sign-in and come back after it", async ({ page }) => {
  for (const path of ["/", "/alerts", "/reviews", "/reports", "/settings", "/settings/users", `/services/${DEMO_SERVICES[0]!.slug}`]) {
    await page.goto(path);
    await expect(page, `visiting ${path}`).toHaveURL(/\/signin\?callbackUrl=/);
  }
  await page.getByLabel("Email").fill(emailOf("engineer"));
  await page.getByLabel("Password").fill("vitals-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(new RegExp(`/services/${DEMO_SERVICES[0]!.slug}$`));
});

test.describe("a viewer", () => {
  test.use({ storageState: storageStateOf("viewer") });

  test("gets a 403 page, not a crash, on an admin-only page", async ({ page }) => {
    const response = await page.goto("/settings/users");
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();
  });

  test("does not see admin sections in Settings", async ({ page }) => {
    await page.goto("/settings");
    await expect(page.getByText("Users and roles")).toHaveCount(0);
  });
});

test("signing out ends the session", async ({ page }) => {
  await signIn(page, emailOf("approver"));
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
  await page.goto("/reports");
  await expect(page).toHaveURL(/\/signin/);
});

test("disabling a user ends their access on their next request", async ({ browser }) => {
  const adminContext = await browser.newContext({ storageState: storageStateOf("admin") });
  const engineerContext = await browser.newContext();
  const admin = await adminContext.newPage();
  const engineer = await engineerContext.newPage();
  try {
    await signIn(engineer, emailOf("engineer"));

    await admin.goto("/settings/users");
    const row = admin.getByTestId(`user-row-${emailOf("engineer")}`);
    await row.getByRole("button", { name: `Disable ${emailOf("engineer")}` }).click();
    await expect(row).toContainText("Disabled");

    // Same cookie, next request: the server re-reads the user and finds them disabled.
    await engineer.goto("/alerts");
    await expect(engineer).toHaveURL(/\/signin/);
    await signInExpectingFailure(engineer);
  } finally {
    await admin.goto("/settings/users");
    const row = admin.getByTestId(`user-row-${emailOf("engineer")}`);
    await row.getByRole("button", { name: `Enable ${emailOf("engineer")}` }).click();
    await expect(row).toContainText("Active");
    await adminContext.close();
    await engineerContext.close();
  }
});

async function signInExpectingFailure(page: Page) {
  await page.getByLabel("Email").fill(emailOf("engineer"));
  await page.getByLabel("Password").fill("vitals-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("signin-error")).toBeVisible();
}

test("demoting a user takes effect on their next request", async ({ browser }) => {
  const adminContext = await browser.newContext({ storageState: storageStateOf("admin") });
  const ownerContext = await browser.newContext();
  const admin = await adminContext.newPage();
  const owner = await ownerContext.newPage();
  const setRole = async (role: string) => {
    await admin.goto("/settings/users");
    const row = admin.getByTestId(`user-row-${emailOf("owner")}`);
    await row.getByLabel(`Role of ${emailOf("owner")}`).selectOption(role);
    const saved = admin.waitForResponse((r) => r.request().method() === "POST" && r.url().includes("/settings/users"));
    await row.getByRole("button", { name: "Save" }).click();
    await saved;
    // Saved, not just selected: a fresh load shows it.
    await admin.reload();
    await expect(admin.getByTestId(`user-row-${emailOf("owner")}`).getByLabel(`Role of ${emailOf("owner")}`)).toHaveValue(role);
  };
  try {
    await signIn(owner, emailOf("owner"));
    await expect(owner.getByTestId("current-user")).toContainText("owner");
    await setRole("viewer");
    await owner.reload();
    await expect(owner.getByTestId("current-user")).toContainText("viewer");
  } finally {
    await setRole("owner");
    await adminContext.close();
    await ownerContext.close();
  }
});
