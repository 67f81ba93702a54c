import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import type { ApiKeyPrincipal, Principal } from "@/lib/auth/principal.ts";
import type { SessionUser } from "@/lib/db/users.ts";
import { AlertsQuery } from "@/lib/schemas/alerts.ts";
import { getPortfolioHealth } from "@/lib/services/health/get-portfolio-health.ts";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-db.ts";
import { acknowledgeAlert } from "./acknowledge-alert.ts";
import { getAlert } from "./get-alert.ts";
import { listAlerts } from "./list-alerts.ts";
import { resolveAlert } from "./resolve-alert.ts";

// Alerts are written straight into the database here: the evaluator that raises them is tested on its own.

let t: TestDatabase;
const users: Record<"erin" | "olga" | "vic", SessionUser> = {} as never;
const serviceIds: Record<"chat" | "rag", string> = {} as never;
const now = new Date("2026-11-26T12:00:00Z");
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);
const ctx = (user: SessionUser, when = now) => ({ user, now: when });
const asUser = (user: SessionUser): Principal => ({ kind: "user", user });

interface AlertSpec {
  service: "chat" | "rag";
  severity?: "warning" | "critical";
  state?: "pending" | "firing" | "resolved" | "cancelled";
  shadow?: boolean;
  startedMinutesAgo: number;
  resolvedMinutesAgo?: number;
}

async function alert(spec: AlertSpec): Promise<string> {
  const severity = spec.severity ?? "critical";
  const state = spec.state ?? "firing";
  const row = await t.db.alert.create({
    data: {
      serviceId: serviceIds[spec.service], severity, state, shadow: spec.shadow ?? false, alertKey: `${spec.service}:${severity}`,
      pendingSince: minutesAgo(spec.startedMinutesAgo),
      firingSince: state === "pending" || state === "cancelled" ? null : minutesAgo(spec.startedMinutesAgo - 5),
      resolvedAt: spec.resolvedMinutesAgo === undefined ? null : minutesAgo(spec.resolvedMinutesAgo),
      score: 30, worstScore: 22,
    },
  });
  return row.id;
}

beforeAll(async () => {
  t = await createTestDatabase();
  const roles = { erin: "engineer", olga: "owner", vic: "viewer" } as const;
  for (const [name, role] of Object.entries(roles) as [keyof typeof roles, string][]) {
    const row = await t.db.user.create({ data: { email: `${name}@x.test`, name: `${name[0]!.toUpperCase()}${name.slice(1)}`, role, passwordHash: "x" } });
    users[name] = { id: row.id, email: row.email, name: row.name, role: roles[name] };
  }
  for (const slug of ["chat", "rag"] as const) {
    serviceIds[slug] = (await t.db.service.create({ data: { slug, name: slug.toUpperCase(), businessUnit: "bu", riskTier: "low" } })).id;
  }
});
afterAll(async () => {
  await t?.drop();
});

describe(`acknowledging and resolving alerts (${process.env.VITALS_TEST_DB})`, () => {
  it("acknowledges an open alert once, with a timeline event and an audit row; a second acknowledge is a 409", async () => {
    const id = await alert({ service: "chat", startedMinutesAgo: 30 });
    const acked = await acknowledgeAlert(ctx(users.erin), id);
    expect(acked).toMatchObject({ state: "firing", acknowledgedAt: now.toISOString(), acknowledgedBy: { name: "Erin", email: "erin@x.test" } });
    expect(acked.events.map((e) => [e.kind, e.actor])).toEqual([["acknowledged", "erin@x.test"]]);
    const audit = await t.db.auditLog.findMany({ where: { targetId: id } });
    expect(audit.map((a) => [a.action, a.actorId, a.targetType])).toEqual([["alert.acknowledge", users.erin.id, "alert"]]);

    await expect(acknowledgeAlert(ctx(users.olga), id)).rejects.toMatchObject({ status: 409, publicMessage: "Already acknowledged by Erin." });
    expect(await t.db.alertEvent.count({ where: { alertId: id } })).toBe(1);
    expect(await t.db.auditLog.count({ where: { targetId: id } })).toBe(1);
  });

  it("resolves an open alert by hand: state, time, who, the note in the timeline and the audit", async () => {
    const id = await alert({ service: "chat", startedMinutesAgo: 40 });
    const resolved = await resolveAlert(ctx(users.olga), id, "  rolled back the prompt  ");
    expect(resolved).toMatchObject({ state: "resolved", resolvedAt: now.toISOString(), resolvedBy: { name: "Olga" } });
    expect(resolved.events).toEqual([expect.objectContaining({ kind: "resolved_by_hand", actor: "olga@x.test", detail: { note: "rolled back the prompt" } })]);
    const row = await t.db.auditLog.findFirstOrThrow({ where: { targetId: id } });
    expect(row.action).toBe("alert.resolve");
    expect(JSON.parse(row.before!)).toEqual({ state: "firing", resolvedAt: null });
    expect(JSON.parse(row.after!)).toMatchObject({ state: "resolved", note: "rolled back the prompt" });
  });

  it("refuses a viewer (403) and leaves the alert untouched", async () => {
    const id = await alert({ service: "chat", startedMinutesAgo: 20 });
    await expect(acknowledgeAlert(ctx(users.vic), id)).rejects.toMatchObject({ status: 403 });
    await expect(resolveAlert(ctx(users.vic), id)).rejects.toMatchObject({ status: 403 });
    expect(await t.db.alert.findUniqueOrThrow({ where: { id } })).toMatchObject({ state: "firing", acknowledgedAt: null });
    expect(await t.db.alertEvent.count({ where: { alertId: id } })).toBe(0);
  });

  it("answers 404 for an unknown alert, 400 for a malformed id or an overlong note", async () => {
    await expect(acknowledgeAlert(ctx(users.erin), "no-such-alert")).rejects.toMatchObject({ status: 404 });
    await expect(resolveAlert(ctx(users.erin), "no-such-alert")).rejects.toMatchObject({ status: 404 });
    await expect(acknowledgeAlert(ctx(users.erin), "../etc")).rejects.toBeInstanceOf(ZodError);
    const id = await alert({ service: "chat", startedMinutesAgo: 10 });
    const long = resolveAlert(ctx(users.erin), id, "x".repeat(501));
    await expect(long).rejects.toBeInstanceOf(ZodError);
    expect(await long.catch((e: ZodError) => e.issues.map((i) => `${i.path.join(".")}: ${i.message}`))).toEqual(["note: Keep the note under 500 characters."]);
  });

  it("of two concurrent resolves exactly one succeeds; the other gets a 409 naming who resolved it", async () => {
    const id = await alert({ service: "rag", startedMinutesAgo: 15 });
    const results = await Promise.allSettled([resolveAlert(ctx(users.erin), id), resolveAlert(ctx(users.olga), id)]);
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]!.reason).toMatchObject({ status: 409, publicMessage: expect.stringMatching(/^Cannot resolve: this alert is already resolved by (Erin|Olga)\.$/) });
    expect(await t.db.alertEvent.count({ where: { alertId: id, kind: "resolved_by_hand" } })).toBe(1);
    expect(await t.db.auditLog.count({ where: { targetId: id } })).toBe(1);
  });

  it("refuses to acknowledge or resolve an episode that is over (resolved by the evaluator, or cancelled)", async () => {
    const resolved = await alert({ service: "rag", state: "resolved", startedMinutesAgo: 90, resolvedMinutesAgo: 60 });
    const cancelled = await alert({ service: "rag", state: "cancelled", startedMinutesAgo: 90, resolvedMinutesAgo: 85 });
    await expect(acknowledgeAlert(ctx(users.erin), resolved)).rejects.toMatchObject({ status: 409, publicMessage: "Cannot acknowledge: this alert is already resolved by the evaluator (the score recovered)." });
    await expect(resolveAlert(ctx(users.erin), cancelled)).rejects.toMatchObject({ status: 409, publicMessage: expect.stringContaining("was cancelled") });
  });
});

describe(`listing alerts (${process.env.VITALS_TEST_DB})`, () => {
  const ids = {} as Record<"chatFiring" | "chatPending" | "chatShadow" | "ragResolved" | "ragOld", string>;
  beforeAll(async () => {
    await t.db.alert.deleteMany({});
    ids.chatFiring = await alert({ service: "chat", startedMinutesAgo: 50 });
    ids.chatPending = await alert({ service: "chat", severity: "warning", state: "pending", startedMinutesAgo: 4 });
    ids.chatShadow = await alert({ service: "chat", severity: "warning", shadow: true, startedMinutesAgo: 20 });
    ids.ragResolved = await alert({ service: "rag", state: "resolved", startedMinutesAgo: 300, resolvedMinutesAgo: 200 });
    ids.ragOld = await alert({ service: "rag", severity: "warning", state: "resolved", startedMinutesAgo: 3000, resolvedMinutesAgo: 2900 });
    await acknowledgeAlert(ctx(users.erin), ids.chatFiring);
  });
  const list = async (query: Record<string, string | number>, principal: Principal = asUser(users.vic)) => listAlerts(principal, AlertsQuery.parse(query), now);
  const idsOf = (page: { alerts: { id: string }[] }) => page.alerts.map((a) => a.id);

  it("lists open alerts newest first by default, shadow ones included and marked, with the header's counts", async () => {
    const page = await list({});
    expect(idsOf(page)).toEqual([ids.chatPending, ids.chatShadow, ids.chatFiring]);
    expect(page.alerts.find((a) => a.id === ids.chatShadow)?.shadow).toBe(true);
    expect(page.counts).toEqual({ firing: 2, pending: 1, acknowledged: 1, resolvedSince: 1 });
    expect(page).toMatchObject({ total: 3, page: 1, pages: 1 });
  });

  it("filters by state, severity, service, shadow and time range", async () => {
    expect(idsOf(await list({ state: "firing" }))).toEqual([ids.chatShadow, ids.chatFiring]);
    expect(idsOf(await list({ state: "resolved" }))).toEqual([ids.ragResolved, ids.ragOld]);
    expect(idsOf(await list({ state: "all", severity: "warning" }))).toEqual([ids.chatPending, ids.chatShadow, ids.ragOld]);
    expect(idsOf(await list({ state: "all", service: "rag" }))).toEqual([ids.ragResolved, ids.ragOld]);
    expect(idsOf(await list({ shadow: "exclude" }))).toEqual([ids.chatPending, ids.chatFiring]);
    expect(idsOf(await list({ shadow: "only", state: "all" }))).toEqual([ids.chatShadow]);
    // Overlap: the episode resolved 200 minutes ago was open during the last 4 hours; the one 2,900 minutes ago was not.
    const from = minutesAgo(240).toISOString();
    expect(idsOf(await list({ state: "all", from }))).toEqual([ids.chatPending, ids.chatShadow, ids.chatFiring, ids.ragResolved]);
    expect(idsOf(await list({ state: "all", to: minutesAgo(100).toISOString() }))).toEqual([ids.ragResolved, ids.ragOld]);
  });

  it("pages with a total, without overlaps", async () => {
    const first = await list({ state: "all", size: 2 });
    const second = await list({ state: "all", size: 2, page: 2 });
    const third = await list({ state: "all", size: 2, page: 3 });
    expect(first).toMatchObject({ total: 5, pages: 3, size: 2 });
    expect([...idsOf(first), ...idsOf(second), ...idsOf(third)]).toEqual([ids.chatPending, ids.chatShadow, ids.chatFiring, ids.ragResolved, ids.ragOld]);
  });

  it("rejects bad filters with the parameter's name", async () => {
    const bad = AlertsQuery.safeParse({ state: "burning", size: "500", from: "yesterday" });
    expect(bad.error?.issues.map((i) => `${i.path.join(".")}: ${i.message}`).sort()).toEqual([
      "from: Expected an RFC 3339 time with a zone, like 2026-11-26T12:00:00Z.",
      "size: Expected a page size from 1 to 100.",
      "state: Expected one of open, firing, pending, resolved, all.",
    ]);
    await expect(list({ service: "nope" })).rejects.toMatchObject({ status: 404 });
  });

  it("shows a read key for one service only that service's alerts, and hides the others' as not found", async () => {
    const key: ApiKeyPrincipal = { kind: "api-key", keyId: "k1", serviceId: serviceIds.rag, scopes: ["read"], label: "lvk_test" };
    expect(idsOf(await list({ state: "all" }, key))).toEqual([ids.ragResolved, ids.ragOld]);
    expect((await list({ state: "all" }, key)).counts).toEqual({ firing: 0, pending: 0, acknowledged: 0, resolvedSince: 1 });
    await expect(list({ service: "chat" }, key)).rejects.toMatchObject({ status: 403 });
    await expect(getAlert(key, ids.chatFiring)).rejects.toMatchObject({ status: 404 });
    expect((await getAlert(key, ids.ragResolved)).service.slug).toBe("rag");
    const everything: ApiKeyPrincipal = { ...key, serviceId: null };
    expect((await list({ state: "all" }, everything)).total).toBe(5);
  });

  it("gives the portfolio each service's open alerts by severity, shadow ones not counted", async () => {
    const { services } = await getPortfolioHealth(asUser(users.vic), {}, now);
    expect(Object.fromEntries(services.map((s) => [s.slug, s.openAlerts]))).toEqual({ chat: { warning: 1, critical: 1 }, rag: { warning: 0, critical: 0 } });
  });

  it("returns an alert with its timeline oldest first, its deliveries and its mitigation", async () => {
    const channel = await t.db.channel.create({ data: { name: "oncall-slack", kind: "slack" } });
    await t.db.delivery.create({ data: { channelId: channel.id, alertId: ids.chatFiring, kind: "trigger", payload: "{}", state: "sent", attempts: 2, lastStatus: 200, nextAttemptAt: now, sentAt: minutesAgo(44) } });
    await t.db.alertEvent.create({ data: { alertId: ids.chatFiring, at: minutesAgo(50), kind: "pending", detail: '{"score":55}' } });
    await t.db.alertEvent.create({ data: { alertId: ids.chatFiring, at: minutesAgo(45), kind: "firing" } });
    await t.db.alert.update({ where: { id: ids.chatFiring }, data: { mitigation: JSON.stringify({ channel: "router", action: "shift_traffic", params: { to: "openai" }, state: "applied", proposedAt: minutesAgo(44).toISOString() }) } });
    const detail = await getAlert(asUser(users.vic), ids.chatFiring);
    expect(detail.events.map((e) => e.kind)).toEqual(["pending", "firing", "acknowledged"]);
    expect(detail.events[0]!.detail).toEqual({ score: 55 });
    expect(detail.deliveries).toEqual([expect.objectContaining({ channel: "oncall-slack", channelKind: "slack", kind: "trigger", state: "sent", attempts: 2, lastStatus: 200 })]);
    expect(detail.mitigation).toMatchObject({ action: "shift_traffic", state: "applied" });
    expect(detail.service).toEqual({ slug: "chat", name: "CHAT" });
  });
});
