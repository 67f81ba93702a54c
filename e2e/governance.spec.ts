import { execFile } from "node:child_process";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import { expect, test, type Page } from "@playwright/test";
import { expectNoSeriousA11yViolations, storageStateOf } from "./fixtures.ts";

// The config-governance story on the seeded demo: Omar Owner (owner@) changes a weight of a service he owns,
// reads the backtest and proposes; he cannot approve his own proposal (no button, and a forged request is a
// 403); the approver approves; the service is then scored by the new version; every step is in the audit log,
// whose hash chain `npx vitals audit verify` checks — and which breaks when a row is edited in the database.

const SLUG = "internal-faq-bot"; // owned by owner@ in lib/domain/demo/portfolio.ts; no incident, not used by other specs
const DB_FILE = "data/e2e.db";
const run = promisify(execFile);
const shot = (page: Page, name: string) => page.screenshot({ path: `e2e/screenshots/governance-${name}.png`, fullPage: true });

/** `npx vitals audit verify` against the e2e database: its exit code and output. */
async function auditVerify(): Promise<{ code: number; out: string }> {
  try {
    const { stdout } = await run("node", ["scripts/vitals.mjs", "audit", "verify"], { env: { ...process.env, DATABASE_URL: `file:./${DB_FILE}` } });
    return { code: 0, out: stdout };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, out: `${e.stdout ?? ""}${e.stderr ?? ""}` };
  }
}

test.describe.configure({ mode: "serial" });

test("owner proposes a weight change, cannot approve it; the approver does; the audit log records each step", async ({ browser }) => {
  // Many steps, two signed-in users, four axe scans and two backtests on a shared 2-core machine.
  test.setTimeout(300_000);
  const ownerContext = await browser.newContext({ storageState: storageStateOf("owner") });
  const approverContext = await browser.newContext({ storageState: storageStateOf("approver") });
  const owner = await ownerContext.newPage();
  const approver = await approverContext.newPage();

  // 1. The editor: the first component's weight changes, its share follows live, a bad value is named inline.
  await owner.goto(`/services/${SLUG}/config`);
  await expect(owner.getByTestId("config-editor")).toBeVisible();
  const cards = owner.getByTestId("component-card");
  const first = cards.first();
  const metric = (await first.getAttribute("data-metric"))!;
  const weights = await cards.getByLabel("Weight").evaluateAll((els) => els.map((e) => Number((e as HTMLInputElement).value)));
  const newWeight = weights[0]! + 15;
  const weight = first.getByLabel("Weight");
  await weight.fill("ten");
  await expect(owner.locator("#cfg-components-0-weight-error")).toHaveText("Expected weight as a number.");
  await expect(weight).toHaveAttribute("aria-invalid", "true");
  await expect(owner.getByRole("button", { name: "Save draft" })).toBeDisabled();
  await weight.fill(String(newWeight));
  const total = newWeight + weights.slice(1).reduce((s, w) => s + w, 0);
  await expect(first.getByTestId("weight-share")).toHaveText(`${((100 * newWeight) / total).toFixed(1)} % of the score`);
  await expect(first.locator("svg").first()).toBeVisible(); // the normalisation curve

  // The YAML view shows the same config and comes back to the form unchanged.
  await owner.getByRole("tab", { name: "YAML" }).click();
  const yaml = owner.getByLabel("Config as YAML");
  await expect(yaml).toHaveValue(new RegExp(`metric: ${metric.replace(/\./g, "\\.")}, weight: ${newWeight},`));
  // An error in the text is named with its line, and the form waits until the text reads again.
  const text = await yaml.inputValue();
  const line = text.split("\n").findIndex((l) => l.startsWith("thresholds:")) + 1;
  await yaml.fill(text.replace(/warning: 80\b/, "warning: 0.8"));
  await expect(owner.getByTestId("yaml-errors")).toContainText(`Line ${line} · thresholds.warning: thresholds.warning is on the 0–100 scale: did you mean 80?`);
  await expect(owner.getByRole("tab", { name: "Form" })).toBeDisabled();
  await yaml.fill(text);
  await owner.getByRole("tab", { name: "Form" }).click();
  await expect(owner.getByTestId("component-card").first().getByLabel("Weight")).toHaveValue(String(newWeight));
  await shot(owner, "01-editor");
  await expectNoSeriousA11yViolations(owner);

  // 2. Save a draft, backtest it, propose it with a rationale (the dialog insists on one).
  await owner.getByRole("button", { name: "Save draft" }).click();
  await expect(owner.getByRole("status").filter({ hasText: /Draft saved as version \d+/ })).toBeVisible();
  await owner.getByRole("button", { name: "Run backtest" }).click();
  await expect(owner.getByTestId("backtest-chart")).toBeVisible({ timeout: 60_000 });
  await expect(owner.getByTestId("backtest-ms")).toHaveText(/Computed in \d+ ms/);
  await owner.getByRole("button", { name: "Propose…" }).click();
  const dialog = owner.getByRole("dialog", { name: "Propose this config" });
  await dialog.getByLabel("Rationale").fill("more");
  await dialog.getByRole("button", { name: "Propose for review" }).click();
  await expect(dialog.getByRole("alert")).toContainText("at least 10 characters");
  const rationale = `Weigh ${metric} more: it is what users of the FAQ bot notice first.`;
  await dialog.getByLabel("Rationale").fill(rationale);
  await dialog.getByRole("button", { name: "Propose for review" }).click();
  await expect(owner).toHaveURL(new RegExp(`/services/${SLUG}/config/versions/[^/?]+$`));
  const proposalUrl = owner.url();

  // 3. The proposal page: pending, the rationale, the diff, the backtest; the author has no Approve button.
  await expect(owner.locator("[data-version-status]").first()).toHaveAttribute("data-version-status", "pending");
  await expect(owner.getByTestId("rationale")).toHaveText(rationale);
  const change = owner.getByTestId("diff").locator(`tr[data-path="components.${metric}.weight"]`);
  await expect(change).toContainText(String(weights[0]));
  await expect(change).toContainText(String(newWeight));
  await expect(owner.getByTestId("backtest-chart")).toBeVisible({ timeout: 60_000 });
  await expect(owner.getByTestId("time-in-status")).toBeVisible();
  await expect(owner.getByRole("button", { name: "Withdraw" })).toBeVisible();
  await expect(owner.getByRole("button", { name: "Approve" })).toHaveCount(0);
  const heading = await owner.getByRole("heading", { level: 1 }).innerText();
  const version = Number(/Version (\d+)/.exec(heading)![1]);
  await shot(owner, "02-proposal-as-author");
  await expectNoSeriousA11yViolations(owner);

  // 4. /reviews lists it for the approver (and explains itself to the owner).
  await approver.goto("/reviews");
  const row = approver.locator(`[data-testid="review-row"][data-slug="${SLUG}"][data-version="${version}"]`);
  await expect(row).toContainText("Omar Owner");
  await shot(approver, "03-reviews");
  await expectNoSeriousA11yViolations(approver);
  await owner.goto("/reviews");
  await expect(owner.getByTestId("reviews-not-allowed")).toBeVisible();

  // 5. A forged approval: the approver's own request is captured (and dropped), then replayed with the
  //    owner's session. The server refuses it with a 403 — hiding the button is not what protects it.
  await row.getByRole("link").click();
  await expect(approver).toHaveURL(proposalUrl);
  await approver.getByLabel("Comment (required)").fill("Backtest looks calm; approving.");
  let captured: { headers: Record<string, string>; body: Buffer } | null = null;
  await approver.route(proposalUrl, async (route) => {
    const request = route.request();
    if (request.method() === "POST" && request.headers()["next-action"]) {
      captured = { headers: request.headers(), body: request.postDataBuffer() ?? Buffer.alloc(0) };
      await route.abort();
    } else await route.continue();
  });
  await approver.getByRole("button", { name: "Approve" }).click();
  await expect.poll(() => captured !== null).toBe(true);
  await approver.unroute(proposalUrl);
  const forged = captured!;
  const pick = ["next-action", "content-type", "accept", "origin", "next-router-state-tree"].filter((h) => forged.headers[h] !== undefined);
  const response = await owner.request.post(proposalUrl, {
    headers: Object.fromEntries(pick.map((h) => [h, forged.headers[h]!])), data: forged.body, maxRedirects: 0,
  });
  expect(response.status()).toBe(403);
  await owner.goto(proposalUrl);
  await expect(owner.locator("[data-version-status]").first()).toHaveAttribute("data-version-status", "pending");

  // 6. The approver approves for real; the version becomes active at once.
  await approver.reload();
  await approver.getByLabel("Comment (required)").fill("Backtest looks calm; approving.");
  await approver.getByRole("button", { name: "Approve" }).click();
  await expect(approver.locator("[data-version-status]").first()).toHaveAttribute("data-version-status", "active");
  await expect(approver.getByRole("button", { name: "Approve" })).toHaveCount(0);
  await shot(approver, "04-approved");

  // 7. The service is now scored by the new version, and its page says so.
  const health = await (await approver.request.get(`/api/services/${SLUG}/health`)).json();
  expect(health.configVersion).toBe(version);
  await approver.goto(`/services/${SLUG}`);
  await expect(approver.getByText(`version ${version}`, { exact: true })).toBeVisible();
  if (health.score !== null) await expect(approver.getByTestId("score-value")).toHaveText(String(Math.round(health.score)));

  // 8. The audit log shows each step, and its chain verifies — in the UI and with the CLI.
  await approver.goto(`/settings/audit?action=config.&targetId=${proposalUrl.split("/").at(-1)}`);
  const actions = await approver.getByTestId("audit-row").evaluateAll((els) => els.map((e) => e.getAttribute("data-action")));
  expect(actions).toEqual(expect.arrayContaining(["config.draft", "config.propose", "config.approve"]));
  expect(actions.indexOf("config.approve")).toBeLessThan(actions.indexOf("config.propose")); // newest first
  await approver.getByTestId("audit-row").first().getByText(/\d+ fields?/).click();
  await expect(approver.getByTestId("audit-row").first().locator("dl")).toContainText("status");
  await approver.getByRole("button", { name: "Verify chain" }).click();
  await expect(approver.getByTestId("verify-result")).toContainText("Intact");
  await shot(approver, "05-audit");
  await expectNoSeriousA11yViolations(approver);

  const intact = await auditVerify();
  expect(intact.out).toMatch(/audit chain OK: \d+ rows/);
  expect(intact.code).toBe(0);

  // 9. Tampering: one row's `after` edited in the database breaks the chain; restoring it mends it.
  const db = new Database(DB_FILE);
  db.pragma("busy_timeout = 10000"); // the server writes to the same file
  try {
    const target = db.prepare(`SELECT id, "after" FROM AuditLog WHERE action = 'config.approve' ORDER BY id DESC LIMIT 1`).get() as { id: number; after: string };
    db.prepare(`UPDATE AuditLog SET "after" = ? WHERE id = ?`).run(target.after.replace("active", "rejected"), target.id);
    const broken = await auditVerify();
    expect(broken.code).toBe(1);
    expect(broken.out).toContain(`audit chain broken at row ${target.id}`);
    await approver.getByRole("button", { name: "Verify chain" }).click();
    await expect(approver.getByTestId("verify-result")).toContainText(`Broken at row ${target.id}`);
    db.prepare(`UPDATE AuditLog SET "after" = ? WHERE id = ?`).run(target.after, target.id);
  } finally {
    db.close();
  }
  expect((await auditVerify()).code).toBe(0);

  // 10. The old version is now superseded: the owner may propose going back to it, and withdraw that proposal.
  await owner.goto(`/services/${SLUG}/config`);
  const previous = owner.locator('[data-testid="version-row"][data-status="superseded"]').first();
  const previousVersion = await previous.getAttribute("data-version");
  await previous.getByRole("button", { name: `Propose rollback to v${previousVersion}` }).click();
  const rollback = owner.getByRole("dialog", { name: `Propose rollback to version ${previousVersion}` });
  await rollback.getByLabel("Why roll back").fill("Rehearsing a rollback to the seeded weights.");
  await rollback.getByRole("button", { name: "Propose rollback" }).click();
  await expect(owner).not.toHaveURL(proposalUrl);
  await expect(owner).toHaveURL(new RegExp(`/services/${SLUG}/config/versions/[^/?]+$`));
  await expect(owner.locator("[data-version-status]").first()).toHaveAttribute("data-version-status", "pending");
  await expect(owner.getByTestId("diff").locator(`tr[data-path="components.${metric}.weight"]`)).toContainText(String(weights[0]));
  await owner.getByRole("button", { name: "Withdraw" }).click();
  await expect(owner.locator("[data-version-status]").first()).toHaveAttribute("data-version-status", "withdrawn");

  await ownerContext.close();
  await approverContext.close();
});

test.describe("read-only and small screens", () => {
  test.use({ storageState: storageStateOf("viewer"), viewport: { width: 390, height: 844 } });

  test("a viewer sees the active config read-only with its history, at 390 px", async ({ page }) => {
    await page.goto(`/services/${SLUG}/config`);
    await expect(page.getByTestId("config-editor")).toBeVisible();
    await expect(page.getByRole("button", { name: "Save draft" })).toHaveCount(0);
    await expect(page.getByTestId("component-card").first().getByLabel("Weight")).toBeDisabled();
    await expect(page.getByTestId("version-row").first()).toBeVisible();
    await expect(page.getByRole("button", { name: /Propose rollback/ })).toHaveCount(0);
    // Nothing widens the page (tables scroll inside their own box). The message names what sticks out, to fix it:
    // an element outside a scroll box, or an absolutely positioned one, which escapes a box that is not positioned.
    const report = await page.evaluate(() => {
      const width = document.documentElement.clientWidth;
      const wide = [...document.querySelectorAll("body *")].filter((e) => {
        if (e.getBoundingClientRect().right <= width + 1) return false;
        return !e.parentElement?.closest(".overflow-x-auto") || getComputedStyle(e).position === "absolute";
      });
      return { overflow: document.documentElement.scrollWidth - width, wide: wide.slice(0, 5).map((e) => `${e.tagName.toLowerCase()}.${String(e.className).slice(0, 50)}`) };
    });
    expect(report.overflow, report.wide.join(", ")).toBe(0);
    await shot(page, "06-readonly-390");
    await page.goto("/settings/audit");
    await expect(page.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();
  });
});
