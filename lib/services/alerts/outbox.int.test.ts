import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/db/users.ts";
import type { AlertNotice } from "@/lib/domain/alerts/types.ts";
import { buildRequest } from "@/lib/integrations/build-request.ts";
import { fixedNotice } from "@/lib/integrations/notice-fixture.ts";
import { NO_JITTER } from "@/lib/integrations/retry-policy.ts";
import { verifySignature } from "@/lib/integrations/signature.ts";
import type { ChannelTarget, CreateChannelInput } from "@/lib/schemas/channels.ts";
import { startCaptureServer, type CaptureServer } from "@/lib/testing/capture-server.ts";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-db.ts";
import { createChannel } from "../channels/create-channel.ts";
import { sendTestChannel } from "../channels/send-test-channel.ts";
import { setChannelEnabled } from "../channels/set-channel-enabled.ts";
import { decideMitigation } from "./decide-mitigation.ts";
import { enqueueNotifications } from "./enqueue-notifications.ts";
import { pruneDeliveries } from "@/lib/db/deliveries.ts";
import { processOutbox } from "./process-outbox.ts";

let t: TestDatabase;
let cap: CaptureServer;
let serviceId: string;
const users = {} as Record<"admin" | "ann" | "ben" | "viewer", SessionUser>;
const T0 = new Date("2026-11-26T12:00:00Z");
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const ctx = (user: SessionUser, now = T0) => ({ user, now });
const SECRET = "webhook-secret-0123456789";
const tick = (now: Date) => processOutbox(now, { random: NO_JITTER });

async function channel(name: string, target: ChannelTarget | { kind: string; config: Record<string, unknown> }) {
  return createChannel(ctx(users.admin), { name, ...target } as CreateChannelInput);
}

async function newAlert(severity: "warning" | "critical" = "critical") {
  const row = await t.db.alert.create({
    data: { serviceId, severity, state: "firing", alertKey: `support-bot:${severity}`, pendingSince: at(-300), firingSince: T0, score: 41.6 },
  });
  return row.id;
}

async function enqueue(notice: AlertNotice, routes: string[], now = T0) {
  return t.db.$transaction((tx) => enqueueNotifications(tx, notice, routes, now));
}

const deliveriesOf = (alertId: string) => t.db.delivery.findMany({ where: { alertId }, orderBy: { createdAt: "asc" }, include: { channel: true } });

beforeAll(async () => {
  t = await createTestDatabase();
  cap = await startCaptureServer();
  for (const [key, role] of [["admin", "admin"], ["ann", "engineer"], ["ben", "engineer"], ["viewer", "viewer"]] as const) {
    const row = await t.db.user.create({ data: { email: `${key}@x.test`, name: key, role, passwordHash: "x" } });
    users[key] = { id: row.id, email: row.email, name: row.name, role };
  }
  serviceId = (await t.db.service.create({ data: { slug: "support-bot", name: "Support Bot", businessUnit: "Customer Care", riskTier: "high" } })).id;
});
afterEach(async () => {
  // Leftover retries of one test must not be sent by the next test's ticks.
  await t.db.delivery.updateMany({ where: { state: "pending" }, data: { state: "cancelled" } });
});
afterAll(async () => {
  await cap?.close();
  await t?.drop();
});

describe(`notification outbox (${process.env.VITALS_TEST_DB})`, () => {
  it("delivers the exact payload of every channel kind; the webhook's HMAC verifies; refresh only reaches Alertmanager", async () => {
    const targets: Record<string, ChannelTarget> = {
      "k-webhook": { kind: "webhook", config: { url: `${cap.base}/k/webhook`, secret: SECRET } },
      "k-slack": { kind: "slack", config: { url: `${cap.base}/k/slack` } },
      "k-pd": { kind: "pagerduty", config: { routingKey: "P".repeat(32), url: `${cap.base}/k/pd` } },
      "k-am": { kind: "alertmanager", config: { url: `${cap.base}/k/am` } },
      "k-ticket": { kind: "ticket", config: { url: `${cap.base}/k/ticket`, secret: SECRET } },
      "k-action": { kind: "action", config: { url: `${cap.base}/k/action`, secret: SECRET, action: "shift_traffic", params: { percent: 50, fallbackModel: "small-1" } } },
    };
    for (const [name, target] of Object.entries(targets)) await channel(name, target);
    const alertId = await newAlert();
    const notice = fixedNotice({ alertId });
    const routes = [...Object.keys(targets), "nobody-by-this-name"];
    expect(await enqueue(notice, routes)).toEqual({ queued: 6, unknownChannels: ["nobody-by-this-name"] });
    const mitigation = JSON.parse((await t.db.alert.findUniqueOrThrow({ where: { id: alertId } })).mitigation!);
    expect(mitigation).toEqual({ channel: "k-action", action: "shift_traffic", params: { percent: 50, fallbackModel: "small-1" }, state: "proposed", proposedAt: T0.toISOString() });

    expect(await tick(at(1))).toEqual({ sent: 6, retried: 0, failed: 0 });
    for (const [name, target] of Object.entries(targets)) {
      const path = new URL(target.config.url).pathname;
      const got = cap.on(name === "k-am" ? `${path}/api/v2/alerts` : path);
      expect(got, name).toHaveLength(1);
      const message = name === "k-action"
        ? { type: "mitigate" as const, mitigation, alert: { id: alertId, alertKey: notice.alertKey, service: "support-bot", severity: "critical" as const, score: 41.6, url: notice.url }, at: T0.toISOString() }
        : { type: "notice" as const, notice };
      expect(JSON.parse(got[0]!.body), name).toEqual(JSON.parse(buildRequest(target, message, at(1))!.body));
    }
    const hook = cap.on("/k/webhook")[0]!;
    expect(verifySignature(SECRET, hook.headers["x-vitals-signature"] as string, hook.body, at(1))).toBe(true);
    expect(verifySignature("some-other-secret-value", hook.headers["x-vitals-signature"] as string, hook.body, at(1))).toBe(false);
    expect(JSON.parse(cap.on("/k/pd")[0]!.body)).toMatchObject({ routing_key: "P".repeat(32), dedup_key: "support-bot:critical", event_action: "trigger" });

    const alert = await t.db.alert.findUniqueOrThrow({ where: { id: alertId }, include: { events: true } });
    expect(JSON.parse(alert.mitigation!)).toMatchObject({ state: "applied", appliedAt: at(1).toISOString() });
    expect(alert.events.filter((e) => e.kind === "notified").map((e) => JSON.parse(e.detail).channel).sort()).toEqual(Object.keys(targets).sort());
    expect(alert.events.find((e) => e.kind === "notified" && e.actorLabel === "k-pd")!.detail).toBe(JSON.stringify({ channel: "k-pd", kind: "trigger", status: 200 }));
    expect(alert.events.filter((e) => e.kind === "mitigation_applied")).toHaveLength(1);

    expect(await enqueue(fixedNotice({ alertId, kind: "refresh", at: at(60).toISOString() }), routes, at(60))).toEqual({ queued: 1, unknownChannels: ["nobody-by-this-name"] });
    expect(await tick(at(61))).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(cap.on("/k/am/api/v2/alerts")).toHaveLength(2);
    // A critical trigger proposes one mitigation per episode: a second trigger does not queue another.
    expect(await enqueue(fixedNotice({ alertId }), ["k-action"], at(70))).toEqual({ queued: 0, unknownChannels: [] });
  });

  it("keeps PagerDuty's dedup_key across trigger → renotify → resolve, and a resolve never overtakes its trigger", async () => {
    await channel("dedup-pd", { kind: "pagerduty", config: { routingKey: "D".repeat(32), url: `${cap.base}/dedup/pd` } });
    cap.reply("/dedup/pd", { status: 503 }, { status: 202 });
    const alertId = await newAlert();
    await enqueue(fixedNotice({ alertId }), ["dedup-pd"], T0);
    await enqueue(fixedNotice({ alertId, kind: "renotify", at: at(600).toISOString() }), ["dedup-pd"], at(600));
    await enqueue(fixedNotice({ alertId, kind: "resolve", resolvedAt: at(900).toISOString(), at: at(900).toISOString() }), ["dedup-pd"], at(900));
    expect(await tick(at(900))).toEqual({ sent: 0, retried: 1, failed: 0 }); // the trigger fails; the others wait behind it
    expect(await tick(at(929))).toEqual({ sent: 0, retried: 0, failed: 0 });
    for (const s of [930, 931, 932]) await tick(at(s));
    const sent = cap.on("/dedup/pd").map((r) => JSON.parse(r.body) as { dedup_key: string; event_action: string });
    expect(sent.map((b) => b.event_action)).toEqual(["trigger", "trigger", "trigger", "resolve"]);
    expect(new Set(sent.map((b) => b.dedup_key))).toEqual(new Set(["support-bot:critical"]));
    expect((await deliveriesOf(alertId)).map((d) => [d.kind, d.state])).toEqual([["trigger", "sent"], ["renotify", "sent"], ["resolve", "sent"]]);
  });

  it("honours Retry-After exactly: nothing is sent before it", async () => {
    await channel("limited-hook", { kind: "webhook", config: { url: `${cap.base}/limited`, secret: SECRET } });
    cap.reply("/limited", { status: 429, headers: { "Retry-After": "120" } }, { status: 200 });
    const alertId = await newAlert();
    await enqueue(fixedNotice({ alertId }), ["limited-hook"]);
    expect(await tick(T0)).toEqual({ sent: 0, retried: 1, failed: 0 });
    const [d] = await deliveriesOf(alertId);
    expect(d).toMatchObject({ state: "pending", attempts: 1, lastStatus: 429, lastError: "HTTP 429", nextAttemptAt: at(120) });
    expect(await tick(at(119.999))).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(cap.on("/limited")).toHaveLength(1);
    expect(await tick(at(120))).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(cap.on("/limited")).toHaveLength(2);
  });

  it("disables a channel after 5 failures in a row; its deliveries wait, unsent, until an admin re-enables it", async () => {
    const ch = await channel("broken-slack", { kind: "slack", config: { url: `${cap.base}/broken` } });
    cap.reply("/broken", { status: 500 });
    const alertId = await newAlert("warning");
    await enqueue(fixedNotice({ alertId, severity: "warning", alertKey: "support-bot:warning" }), ["broken-slack"]);
    let now = 0;
    const delays: number[] = [];
    for (let i = 0; i < 5; i++) {
      expect(await tick(at(now))).toEqual({ sent: 0, retried: 1, failed: 0 });
      const [d] = await deliveriesOf(alertId);
      delays.push((d!.nextAttemptAt.getTime() - at(now).getTime()) / 1000);
      now = (d!.nextAttemptAt.getTime() - T0.getTime()) / 1000;
    }
    expect(delays).toEqual([30, 60, 120, 240, 480]);
    const disabled = await t.db.channel.findUniqueOrThrow({ where: { id: ch.id } });
    expect(disabled).toMatchObject({ enabled: false, consecutiveFailures: 5, disabledAt: at(450) });
    expect(disabled.disabledReason).toMatch(/^Disabled after 5 failed deliveries in a row \(last: HTTP 500\)/);

    cap.reply("/broken", { status: 200 });
    expect(await tick(at(now + 3600))).toEqual({ sent: 0, retried: 0, failed: 0 });
    // A notice decided while the channel is off queues behind the waiting one (dropping it could lose a resolve).
    expect(await enqueue(fixedNotice({ alertId, kind: "renotify" }), ["broken-slack"], at(now))).toEqual({ queued: 1, unknownChannels: [] });
    expect((await deliveriesOf(alertId)).map((d) => d.state)).toEqual(["pending", "pending"]);
    expect(cap.on("/broken")).toHaveLength(5);

    await expect(setChannelEnabled(ctx(users.ann), { id: ch.id, enabled: true })).rejects.toMatchObject({ status: 403 });
    await setChannelEnabled(ctx(users.admin, at(now + 3600)), { id: ch.id, enabled: true });
    await expect(setChannelEnabled(ctx(users.admin), { id: ch.id, enabled: true })).rejects.toMatchObject({ status: 409 });
    expect(await tick(at(now + 3601))).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(await tick(at(now + 3602))).toEqual({ sent: 1, retried: 0, failed: 0 }); // in order: the renotify after the trigger
    expect((await deliveriesOf(alertId)).map((d) => d.state)).toEqual(["sent", "sent"]);
    expect(await t.db.channel.findUniqueOrThrow({ where: { id: ch.id } })).toMatchObject({ enabled: true, consecutiveFailures: 0, disabledAt: null });
  });

  it("gives up after the 8th attempt and records delivery_failed", async () => {
    await channel("gone-hook", { kind: "webhook", config: { url: `${cap.base}/gone`, secret: SECRET } });
    cap.reply("/gone", { status: 404 });
    const alertId = await newAlert();
    await enqueue(fixedNotice({ alertId }), ["gone-hook"]);
    await t.db.delivery.updateMany({ where: { alertId }, data: { attempts: 7 } }); // seven earlier failures
    expect(await tick(T0)).toEqual({ sent: 0, retried: 0, failed: 1 });
    expect((await deliveriesOf(alertId))[0]).toMatchObject({ state: "failed", attempts: 8, lastStatus: 404 });
    const events = await t.db.alertEvent.findMany({ where: { alertId, kind: "delivery_failed" } });
    expect(events.map((e) => JSON.parse(e.detail))).toEqual([{ channel: "gone-hook", kind: "trigger", status: 404, error: "HTTP 404", attempts: 8 }]);
  });

  it("sends each delivery once when two workers tick at the same moment", async () => {
    await channel("race-hook", { kind: "webhook", config: { url: `${cap.base}/race`, secret: SECRET } });
    const alerts = [await newAlert(), await newAlert(), await newAlert()];
    for (const alertId of alerts) await enqueue(fixedNotice({ alertId }), ["race-hook"]);
    const [a, b] = await Promise.all([tick(at(1)), tick(at(1))]);
    expect(a.sent + b.sent).toBe(3);
    expect(cap.on("/race")).toHaveLength(3);
  });

  it("mitigate → applied → override queues the revert to the same endpoint; one of two deciders wins", async () => {
    await channel("ops-action", { kind: "action", config: { url: `${cap.base}/ops`, secret: SECRET, action: "shift_traffic", params: { percent: 50 } } });
    const alertId = await newAlert();
    await enqueue(fixedNotice({ alertId }), ["ops-action"]);
    await expect(decideMitigation(ctx(users.ann), alertId, "override")).rejects.toMatchObject({ status: 409 }); // not sent yet
    await tick(at(1));
    await expect(decideMitigation(ctx(users.viewer), alertId, "override")).rejects.toMatchObject({ status: 403 });

    const results = await Promise.allSettled([decideMitigation(ctx(users.ann, at(60)), alertId, "override"), decideMitigation(ctx(users.ben, at(60)), alertId, "override")]);
    const won = results.filter((r) => r.status === "fulfilled");
    expect(won).toHaveLength(1);
    expect(results.find((r) => r.status === "rejected")).toMatchObject({ reason: { status: 409 } });
    const decided = (won[0] as PromiseFulfilledResult<{ state: string; decidedBy: string }>).value;
    expect(decided.state).toBe("overridden");
    const alert = await t.db.alert.findUniqueOrThrow({ where: { id: alertId }, include: { events: true } });
    expect(JSON.parse(alert.mitigation!)).toMatchObject({ state: "overridden", decidedBy: decided.decidedBy, decidedAt: at(60).toISOString() });
    const audit = await t.db.auditLog.findMany({ where: { targetType: "alert", targetId: alertId } });
    expect(audit.map((a) => [a.action, a.actorLabel])).toEqual([["alert.mitigation.override", decided.decidedBy]]);
    await expect(decideMitigation(ctx(users.ann, at(61)), alertId, "acknowledge")).rejects.toMatchObject({ status: 409 });
    expect((await deliveriesOf(alertId)).map((d) => [d.kind, d.channel.name])).toEqual([["mitigate", "ops-action"], ["revert", "ops-action"]]);
    expect(alert.events.map((e) => e.kind)).toContain("mitigation_overridden");
    expect(await tick(at(61))).toEqual({ sent: 1, retried: 0, failed: 0 });
    const [mitigate, revert] = cap.on("/ops").map((r) => JSON.parse(r.body) as Record<string, unknown>);
    expect(mitigate).toMatchObject({ type: "mitigate", action: "shift_traffic", params: { percent: 50 } });
    expect(revert).toEqual({ ...mitigate, type: "revert", at: at(60).toISOString() });
    expect(verifySignature(SECRET, cap.on("/ops")[1]!.headers["x-vitals-signature"] as string, cap.on("/ops")[1]!.body, at(61))).toBe(true);
  });

  it("acknowledging an applied mitigation keeps it: no revert, an event and an audit row", async () => {
    await channel("ops-keep", { kind: "action", config: { url: `${cap.base}/keep`, secret: SECRET, action: "shift_traffic", params: { percent: 25 } } });
    const alertId = await newAlert();
    await enqueue(fixedNotice({ alertId }), ["ops-keep"]);
    await tick(at(1));
    const kept = await decideMitigation(ctx(users.ben, at(30)), alertId, "acknowledge");
    expect(kept).toMatchObject({ state: "acknowledged", decidedBy: "ben@x.test", appliedAt: at(1).toISOString() });
    expect((await deliveriesOf(alertId)).map((d) => d.kind)).toEqual(["mitigate"]);
    expect((await t.db.alertEvent.findMany({ where: { alertId, kind: "mitigation_acknowledged" } })).map((e) => e.actorLabel)).toEqual(["ben@x.test"]);
    expect(await t.db.auditLog.count({ where: { targetId: alertId, action: "alert.mitigation.acknowledge" } })).toBe(1);
    await expect(decideMitigation(ctx(users.ann, at(31)), alertId, "override")).rejects.toMatchObject({ status: 409, publicMessage: "Cannot override the mitigation: it was already acknowledged by ben@x.test." });
  });

  it("sends a test delivery once, right away, and does not retry or count a failed one", async () => {
    const ch = await channel("test-am", { kind: "alertmanager", config: { url: `${cap.base}/testam` } });
    expect(await sendTestChannel(ctx(users.admin), ch.id)).toEqual({ ok: true, status: 200 });
    expect(JSON.parse(cap.on("/testam/api/v2/alerts")[0]!.body)).toEqual([{ labels: { alertname: "LLMVitalsTest", channel: "test-am" }, startsAt: T0.toISOString(), endsAt: T0.toISOString() }]);
    cap.reply("/testam/api/v2/alerts", { status: 500 });
    expect(await sendTestChannel(ctx(users.admin, at(10)), ch.id)).toEqual({ ok: false, status: 500, error: "HTTP 500" });
    const tests = await t.db.delivery.findMany({ where: { channelId: ch.id }, orderBy: { createdAt: "asc" } });
    expect(tests.map((d) => [d.kind, d.alertId, d.state, d.attempts])).toEqual([["test", null, "sent", 1], ["test", null, "failed", 1]]);
    expect(await tick(at(3600))).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect((await t.db.channel.findUniqueOrThrow({ where: { id: ch.id } })).consecutiveFailures).toBe(0);
    await expect(sendTestChannel(ctx(users.ann), ch.id)).rejects.toMatchObject({ status: 403 });
  });

  it("prunes sent, failed and cancelled deliveries older than the cut-off, never waiting ones", async () => {
    const ch = await channel("prune-hook", { kind: "webhook", config: { url: `${cap.base}/prune`, secret: SECRET } });
    const old = new Date("2026-10-01T00:00:00Z");
    for (const state of ["sent", "failed", "cancelled", "pending"]) {
      await t.db.delivery.create({ data: { channelId: ch.id, kind: "test", payload: "{}", state, nextAttemptAt: old, createdAt: old } });
    }
    await t.db.delivery.create({ data: { channelId: ch.id, kind: "test", payload: "{}", state: "sent", nextAttemptAt: T0, createdAt: T0 } });
    expect(await pruneDeliveries(t.db, new Date("2026-10-27T12:00:00Z"))).toBe(3);
    expect((await t.db.delivery.findMany({ where: { channelId: ch.id } })).map((d) => d.state).sort()).toEqual(["pending", "sent"]);
  });
});
