import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "vitals-demo";
export const ROLES = ["admin", "approver", "owner", "engineer", "viewer"] as const;
export type DemoRole = (typeof ROLES)[number];

export const emailOf = (role: DemoRole) => `${role}@vitals.local`;
export const storageStateOf = (role: DemoRole) => `playwright/.auth/${role}.json`;

/** Signs in through the real form and waits for the portfolio. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Portfolio" })).toBeVisible();
}

/** axe on the page as it stands: no serious or critical violation (each listed with where it is). */
export async function expectNoSeriousA11yViolations(page: Page): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const serious = violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
  expect(serious).toEqual([]);
}
