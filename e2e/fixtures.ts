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
