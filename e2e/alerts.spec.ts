import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { expectNoSeriousA11yViolations, storageStateOf } from "./fixtures.ts";

// Alerts on the seeded demo: the seed replays the evaluator over its weeks, so the ongoing incidents are open
// alert episodes. The viewer's checks run first: once the engineer acknowledges, there is no button left to hide.

const INCIDENT_SLUG = "customer-support-chatbot";
const shot = (page: Page, name: string) => page.screenshot({ path: `e2e/screenshots/${name}.png`, fullPage: true });

interface ListedAlert {
  id: string;
  severity: string;
  state: string;
  acknowledgedAt: string | null;
  service: { slug: string; name: string };
}

/** The incident's firing critical alert (the support chatbot's if it has one), as the API lists it. */
async function incidentAlert(request: APIRequestContext): Promise<ListedAlert> {
  const res = await request.get("/api/alerts?state=firing&severity=critical&shadow=exclude&size=100");
  expect(res.status()).toBe(200);
  const { alerts } = (await res.json()) as { alerts: ListedAlert[] };
  const alert = alerts.find((a) => a.service.slug === INCIDENT_SLUG) ?? alerts[0];
  expect(alert, "the seed's evaluator run leaves a firing critical alert").toBeDefined();
  return alert!;
}

test.describe("alerts as a viewer", () => {
  test.use({ storageState: storageStateOf("viewer") });

  test("sees the incident's alert but no Acknowledge or Resolve, and a forged acknowledge is refused", async ({ page }) => {
    const alert = await incidentAlert(page.request);
    expect(alert.acknowledgedAt).toBeNull();
    await page.goto(`/alerts/${alert.id}`);
    await expect(page.getByTestId("alert-header")).toContainText(alert.service.name);
    await expect(page.getByTestId("acknowledged-by")).toHaveText("Not acknowledged");
    await expect(page.getByRole("button", { name: /^Acknowledge/ })).toHaveCount(0);
    await expect(page.getByRole("button", { name: /^Resolve/ })).toHaveCount(0);

    const forged = await page.request.post(`/api/alerts/${alert.id}/acknowledge`);
    expect(forged.status()).toBe(403);
    expect((await forged.json()).error.code).toBe("FORBIDDEN");
    const after = await (await page.request.get(`/api/alerts/${alert.id}`)).json();
    expect(after.acknowledgedAt).toBeNull();
  });
});

test.describe("alerts as an engineer", () => {
  test.use({ storageState: storageStateOf("engineer") });

  test("/alerts → the incident's alert → acknowledge → its service page and the portfolio show it", async ({ page }) => {
    // Several pages, three axe scans and screenshots at two widths on a shared 2-core machine.
    test.setTimeout(120_000);
    const alert = await incidentAlert(page.request);

    // 1. The list shows it among the open alerts, with the header's counts.
    await page.goto("/alerts");
    const row = page.locator(`[data-testid="alert-row"][data-alert-id="${alert.id}"]`);
    await expect(row).toContainText(alert.service.name);
    await expect(row.locator("[data-severity]")).toHaveText(/Critical/);
    await expect(row.locator("[data-state]")).toHaveText("Firing");
    expect(Number(await page.getByTestId("alert-count-firing").locator("dd").innerText())).toBeGreaterThanOrEqual(1);
    await shot(page, "alerts-01-list");
    await expectNoSeriousA11yViolations(page);

    // Filters live in the URL: resolved episodes are another view of the same page.
    await page.getByRole("combobox", { name: /^State/ }).selectOption("resolved");
    await expect(page).toHaveURL(/state=resolved/);
    await expect(row).toHaveCount(0);
    await page.getByRole("combobox", { name: /^State/ }).selectOption("open");
    await expect(row).toBeVisible();

    // 2. Its page: header, timeline from pending to firing, then acknowledge.
    await row.getByRole("link").click();
    await expect(page).toHaveURL(new RegExp(`/alerts/${alert.id}$`));
    await expect(page.getByRole("heading", { level: 1 })).toContainText(alert.service.name);
    const kinds = await page.getByTestId("timeline-event").evaluateAll((els) => els.map((e) => e.getAttribute("data-kind")));
    expect(kinds.slice(0, 2)).toEqual(["pending", "firing"]);
    await expectNoSeriousA11yViolations(page);
    await page.getByRole("button", { name: /^Acknowledge critical alert/ }).click();
    await expect(page.getByTestId("acknowledged-by")).toHaveText("Acknowledged by Erin Engineer");
    await expect(page.getByRole("button", { name: /^Acknowledge critical alert/ })).toHaveCount(0);
    await expect(page.locator('[data-testid="timeline-event"][data-kind="acknowledged"]')).toContainText("engineer@vitals.local");
    await shot(page, "alerts-02-detail-acknowledged");

    // A second acknowledge (another tab, a colleague) is a conflict, not a second timeline entry.
    const again = await page.request.post(`/api/alerts/${alert.id}/acknowledge`);
    expect(again.status()).toBe(409);
    expect((await again.json()).error.message).toBe("Already acknowledged by Erin Engineer.");

    // 3. The service page, opened on the episode's window: the Alerts panel and the chart's episode legend.
    await page.getByRole("link", { name: /score during this episode/ }).click();
    await expect(page).toHaveURL(new RegExp(`/services/${alert.service.slug}`));
    const open = page.locator(`[data-testid="service-alert"][data-alert-id="${alert.id}"]`);
    await expect(open).toContainText("Acknowledged by Erin Engineer");
    await expect(page.getByTestId("episode-legend")).toContainText("Critical alert");
    await shot(page, "alerts-03-service-page");

    // 4. The portfolio row names its open alerts and the worst severity, in words.
    await page.goto("/");
    const badge = page.locator(`[data-testid="service-row"][data-slug="${alert.service.slug}"] [data-testid="open-alerts"]`);
    await expect(badge).toHaveAttribute("data-worst", "critical");
    await expect(badge).toContainText("worst critical");
    await shot(page, "alerts-06-portfolio");

    // 5. The list at a phone's width still reaches every control.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`/alerts/${alert.id}`);
    await expect(page.getByTestId("acknowledged-by")).toBeVisible();
    await shot(page, "alerts-04-detail-390px");
    await page.goto("/alerts");
    // Each row is a card there: its actions are on screen without scrolling sideways.
    const resolveButton = row.getByRole("button", { name: /^Resolve/ });
    await resolveButton.scrollIntoViewIfNeeded();
    const box = await resolveButton.boundingBox();
    expect(box && box.x + box.width).toBeLessThanOrEqual(390);
    await shot(page, "alerts-05-list-390px");
  });
});
