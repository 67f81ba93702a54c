import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client.ts";
import { acquireLease, releaseLease } from "@/lib/db/lease.ts";
import { findServiceBySlug } from "@/lib/db/services.ts";
import { ingestEvents } from "@/lib/services/ingest/ingest-events.ts";
import { drainPending } from "@/lib/services/rollups/fold-pending.ts";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-db.ts";
import { evaluateService, minutesToEvaluate, type EvaluatedService } from "./evaluate-service.ts";
import { createChatService } from "@/lib/testing/configured-service.ts";

// The evaluator over real rollups, against a timeline worked out by hand.
//
// Config: one component, error.rate (good 0, bad 0.2), window 10 min, for 2 min, hysteresis 5, thresholds 80/60.
// Traffic: 10 events a minute from T0 − 10 min to T0 + 30 min; in the ten minutes [T0+5, T0+15) 2 of the 10 fail.
// The window ending at `at` holds the minutes [at − 10, at), so with b bad minutes in it the error rate is
// 2b/100 and the score 100 − 10b:
//   T0+5: 100 · T0+7: 80 (not a breach) · T0+8: 70 → warning pending · T0+10: 50 → warning fires (held 2 min),
//   critical pending · T0+12: 30 → critical fires · T0+15: 0 (worst).
// Recovery: at T0+15+k the window holds 10 − k bad minutes: score 10k. Critical resolves at ≥ 60 + 5 → k = 7
// (T0+22); warning at ≥ 80 + 5 → k = 9 (T0+24).

const MIN = 60_000;
const CONFIG = `
service: chat
window: 10m
minSamples: 5
components:
  - { metric: error.rate, weight: 1, good: 0, bad: 0.2 }
thresholds: { warning: 80, critical: 60 }
alerting: { for: 2m, hysteresis: 5, noData: keep, routes: { warning: [tickets], critical: [pager, missing-channel] } }
`;

let t: TestDatabase;
let target: EvaluatedService;
const T0 = Math.floor(Date.now() / MIN) * MIN - 3 * 60 * MIN;
const at = (minutes: number) => T0 + minutes * MIN;
const NOW = new Date(at(31));
const BASE = "https://vitals.example";

beforeAll(async () => {
  t = await createTestDatabase();
  const { active } = await createChatService(t.db, CONFIG, new Date(at(-20)));
  for (const name of ["tickets", "pager"]) {
    await t.db.channel.create({ data: { name, kind: "webhook", config: JSON.stringify({ url: `http://127.0.0.1:9/${name}`, secret: "0123456789abcdef0123" }) } });
  }
  const events = [];
  for (let m = -10; m < 30; m++) {
    for (let i = 0; i < 10; i++) {
      const bad = m >= 5 && m < 15 && i < 2;
      events.push({ event_id: `m${m}-${i}`, service: "chat", timestamp: new Date(at(m) + i * 5_000).toISOString(), latency_ms: 100, status: bad ? "error" : "ok" });
    }
  }
  const result = await ingestEvents({ kind: "system", label: "test" }, events, NOW);
  expect(result.accepted).toBe(400);
  await drainPending({ now: NOW });
  target = { service: (await findServiceBySlug("chat"))!, config: active.config, configVersionId: active.id, configVersion: 1 };
});
afterAll(async () => {
  await t?.drop();
});

async function reset(db: Db) {
  await db.delivery.deleteMany();
  await db.alertEvent.deleteMany();
  await db.alert.deleteMany();
  await db.scoreSnapshot.deleteMany();
}

async function episodes(db: Db) {
  const rows = await db.alert.findMany({ orderBy: [{ pendingSince: "asc" }, { severity: "asc" }] });
  return rows.map((a) => ({
    severity: a.severity, state: a.state, alertKey: a.alertKey,
    pendingSince: a.pendingSince.getTime(), firingSince: a.firingSince?.getTime() ?? null, resolvedAt: a.resolvedAt?.getTime() ?? null,
    worstScore: a.worstScore,
  }));
}

const EXPECTED = [
  { severity: "warning", state: "resolved", alertKey: "chat:warning", pendingSince: at(8), firingSince: at(10), resolvedAt: at(24), worstScore: 0 },
  { severity: "critical", state: "resolved", alertKey: "chat:critical", pendingSince: at(10), firingSince: at(12), resolvedAt: at(22), worstScore: 0 },
];

async function deliveries(db: Db) {
  const rows = await db.delivery.findMany({ include: { channel: true }, orderBy: [{ createdAt: "asc" }] });
  return rows.map((d) => ({ channel: d.channel.name, kind: d.kind }));
}

describe(`evaluator (${process.env.VITALS_TEST_DB})`, () => {
  it("scores every minute, moves both rules through the hand-worked episodes and queues their notifications", async () => {
    await reset(t.db);
    const instants = Array.from({ length: 31 }, (_, i) => at(i));
    const result = await evaluateService(t.db, target, { now: NOW, instants, baseUrl: BASE });
    expect(result.instants).toBe(31);
    expect(await episodes(t.db)).toEqual(EXPECTED);

    const snapshots = await t.db.scoreSnapshot.findMany({ orderBy: { at: "asc" } });
    expect(snapshots).toHaveLength(31);
    const scoreAt = (m: number) => snapshots.find((s) => s.at.getTime() === at(m))!;
    expect(scoreAt(7).score).toBeCloseTo(80, 9);
    expect(scoreAt(8)).toMatchObject({ status: "warning" });
    expect(scoreAt(8).score).toBeCloseTo(70, 9);
    expect(scoreAt(15).score).toBeCloseTo(0, 9);
    expect(scoreAt(15)).toMatchObject({ status: "critical", configVersionId: target.configVersionId });

    const timeline = await t.db.alertEvent.findMany({ include: { alert: true }, orderBy: [{ at: "asc" }] });
    expect(timeline.map((e) => [e.alert.severity, e.kind, (e.at.getTime() - T0) / MIN])).toEqual([
      ["warning", "pending", 8], ["warning", "firing", 10], ["critical", "pending", 10], ["critical", "firing", 12],
      ["critical", "resolved", 22], ["warning", "resolved", 24],
    ]);

    // Routes: warning → tickets, critical → pager (the unknown channel name is skipped). Trigger and resolve each.
    const rows = await t.db.delivery.findMany({ include: { channel: true } });
    const sent = rows.map((d) => `${d.channel.name}:${d.kind}`).sort();
    expect(sent).toEqual(["pager:resolve", "pager:trigger", "tickets:resolve", "tickets:trigger"]);
    const trigger = rows.find((d) => d.channel.name === "pager" && d.kind === "trigger")!;
    expect(trigger.payload).toContain("chat:critical");
  });

  it("a restart never re-pages: a second run continues the firing episode from the database and only resolves it", async () => {
    await reset(t.db);
    // First process: up to T0+15, both rules firing. It stops; the next one catches up from the last snapshot.
    await evaluateService(t.db, target, { now: new Date(at(15)), instants: Array.from({ length: 16 }, (_, i) => at(i)), baseUrl: BASE });
    const firing = await t.db.alert.findMany({ where: { state: "firing" } });
    expect(firing.map((a) => a.severity).sort()).toEqual(["critical", "warning"]);
    expect((await t.db.delivery.findMany({ where: { kind: "trigger" } })).length).toBe(2);

    const missed = minutesToEvaluate(at(15), NOW.getTime(), 24 * 60 * MIN);
    expect(missed[0]).toBe(at(16));
    expect(missed.at(-1)).toBe(at(31));
    await evaluateService(t.db, target, { now: NOW, baseUrl: BASE });

    // The same two episodes (same rows), the same outcome as one uninterrupted run, and no second trigger.
    expect(await episodes(t.db)).toEqual(EXPECTED);
    expect((await t.db.alert.findMany()).map((a) => a.id).sort()).toEqual(firing.map((a) => a.id).sort());
    const kinds = (await deliveries(t.db)).map((d) => `${d.channel}:${d.kind}`).sort();
    expect(kinds).toEqual(["pager:resolve", "pager:trigger", "tickets:resolve", "tickets:trigger"]);
    expect(await t.db.scoreSnapshot.count()).toBe(32);
  });

  it("an evaluation with nothing new to score writes nothing", async () => {
    const before = await t.db.scoreSnapshot.count();
    const result = await evaluateService(t.db, target, { now: NOW, baseUrl: BASE });
    expect(result).toEqual({ instants: 0, transitions: 0, notifications: 0 });
    expect(await t.db.scoreSnapshot.count()).toBe(before);
  });

  it("an episode resolved by hand is not overwritten; a still-bad score opens a new one", async () => {
    await reset(t.db);
    await evaluateService(t.db, target, { now: new Date(at(12)), instants: Array.from({ length: 13 }, (_, i) => at(i)), baseUrl: BASE });
    const critical = await t.db.alert.findFirstOrThrow({ where: { severity: "critical", state: "firing" } });
    await t.db.alert.update({ where: { id: critical.id }, data: { state: "resolved", resolvedAt: new Date(at(12)) } });
    await evaluateService(t.db, target, { now: new Date(at(16)), instants: [at(13), at(14), at(15), at(16)], baseUrl: BASE });
    expect(await t.db.alert.findUniqueOrThrow({ where: { id: critical.id } })).toMatchObject({ state: "resolved" });
    // Score 20 at T0+13 (still a breach): a new critical episode, pending at 13, firing at 15.
    const reopened = await t.db.alert.findFirstOrThrow({ where: { severity: "critical", state: "firing" } });
    expect(reopened.id).not.toBe(critical.id);
    expect([reopened.pendingSince.getTime(), reopened.firingSince?.getTime()]).toEqual([at(13), at(15)]);
  });

  it("a shadow config raises alerts that are recorded but never queued for delivery", async () => {
    await reset(t.db);
    const shadow = { ...target, config: { ...target.config, shadow: true } };
    await evaluateService(t.db, shadow, { now: NOW, instants: Array.from({ length: 31 }, (_, i) => at(i)), baseUrl: BASE });
    const rows = await t.db.alert.findMany();
    expect(rows).toHaveLength(2);
    expect(rows.every((a) => a.shadow)).toBe(true);
    expect(await t.db.delivery.count()).toBe(0);
  });
});

describe(`evaluator lease (${process.env.VITALS_TEST_DB})`, () => {
  it("one holder at a time; renewal by the holder; a standby takes over when it expires or is released", async () => {
    const t0 = new Date(at(0));
    expect(await acquireLease(t.db, "job", "a", t0, 90_000)).toBe(true);
    expect(await acquireLease(t.db, "job", "b", t0, 90_000)).toBe(false);
    expect(await acquireLease(t.db, "job", "a", new Date(at(1)), 90_000)).toBe(true); // renewed to at(1) + 90 s
    expect(await acquireLease(t.db, "job", "b", new Date(at(2)), 90_000)).toBe(false);
    expect(await acquireLease(t.db, "job", "b", new Date(at(1) + 90_000), 90_000)).toBe(true); // expired: taken over
    await releaseLease(t.db, "job", "b", new Date(at(3)));
    expect(await acquireLease(t.db, "job", "a", new Date(at(3)), 90_000)).toBe(true);
  });

  it("two processes racing for a new lease: exactly one wins", async () => {
    const now = new Date(at(0));
    const results = await Promise.all(["x", "y", "z"].map((holder) => acquireLease(t.db, "race", holder, now, 60_000)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });
});
