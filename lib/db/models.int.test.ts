import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-db.ts";
import type { TelemetryEvent } from "@/lib/domain/event.ts";
import { auditHash, appendAudit, GENESIS_HASH } from "./audit.ts";
import { insertEvents } from "./events.ts";

// Every model written and read back on the database under test (VITALS_TEST_DB), so a type the two
// providers store differently (dates, bytes, floats, booleans, JSON-as-text) shows up here.

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.drop();
});

const at = new Date("2026-11-20T10:15:30.123Z");

async function makeUserAndService(suffix: string) {
  const user = await t.db.user.create({
    data: { email: `u-${suffix}@example.test`, name: "U", passwordHash: "scrypt$1$1$1$a$b", role: "owner" },
  });
  const service = await t.db.service.create({
    data: {
      slug: `svc-${suffix}`,
      name: "Service",
      businessUnit: "Finance",
      riskTier: "high",
      storePrompts: false,
      owners: { create: [{ userId: user.id }] },
    },
  });
  return { user, service };
}

describe(`models round-trip (${process.env.VITALS_TEST_DB})`, () => {
  it("users omit the password hash unless asked", async () => {
    const { user } = await makeUserAndService("a");
    const read = await t.db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(read).not.toHaveProperty("passwordHash");
    expect(read).toMatchObject({ email: "u-a@example.test", role: "owner", disabled: false });
    const withHash = await t.db.user.findUniqueOrThrow({ where: { id: user.id }, omit: { passwordHash: false } });
    expect(withHash.passwordHash).toBe("scrypt$1$1$1$a$b");
  });

  it("services with owners and api keys", async () => {
    const { user, service } = await makeUserAndService("b");
    await t.db.apiKey.create({
      data: { name: "ci", prefix: "lvk_abcd", hash: "h-b", scopes: "ingest,read", serviceId: service.id, createdById: user.id, lastUsedAt: at },
    });
    const read = await t.db.service.findUniqueOrThrow({
      where: { slug: "svc-b" },
      include: { owners: true, apiKeys: true },
    });
    expect(read).toMatchObject({ businessUnit: "Finance", riskTier: "high", storePrompts: false, description: "" });
    expect(read.owners).toEqual([{ serviceId: service.id, userId: user.id }]);
    expect(read.apiKeys[0]).toMatchObject({ prefix: "lvk_abcd", scopes: "ingest,read", revokedAt: null });
    expect(read.apiKeys[0]?.lastUsedAt?.toISOString()).toBe(at.toISOString());
  });

  it("raw events insert once per (service, event_id) and keep their fields", async () => {
    const { service } = await makeUserAndService("c");
    const event: TelemetryEvent = {
      eventId: "evt-1",
      timestamp: at,
      model: "gpt-4o",
      provider: "openai",
      latencyMs: 812.5,
      status: "error",
      errorType: "timeout",
      inputTokens: 120,
      outputTokens: 0,
      costUsd: 0.00042,
      segments: { region: "eu-west" },
      evals: { relevance: 0.8, hallucination: false },
      feedback: { thumbs_up: 1 },
      outcomes: { ticket_resolved: true },
      retrieval: { precision: 0.5, documentIds: ["d1"] },
      attributes: { language: "de", length: 3 },
      prompt: "secret prompt",
      response: "secret response",
    };
    const receivedAt = new Date("2026-11-20T10:15:31Z");
    const first = await insertEvents(t.db, service.id, [event, { ...event, eventId: "evt-2" }, event], { storePrompts: false, receivedAt });
    expect(first.map((e) => e.eventId)).toEqual(["evt-1", "evt-2"]);
    expect(await insertEvents(t.db, service.id, [event], { storePrompts: false, receivedAt })).toEqual([]);
    const rows = await t.db.event.findMany({ where: { serviceId: service.id }, orderBy: { eventId: "asc" } });
    expect(rows).toHaveLength(2);
    const row = rows[0]!;
    expect(row.timestamp.toISOString()).toBe(at.toISOString());
    expect(row).toMatchObject({ latencyMs: 812.5, status: "error", errorType: "timeout", inputTokens: 120, costUsd: 0.00042 });
    expect(JSON.parse(row.evals)).toEqual({ relevance: 0.8, hallucination: false });
    expect(JSON.parse(row.retrieval)).toEqual({ precision: 0.5, document_ids: ["d1"] });
    // The service keeps no prompts: nothing was stored.
    expect(row.prompt).toBeNull();
    expect(row.response).toBeNull();
    // The time-range query the scoring reads uses the same encoding as the insert.
    const inRange = await t.db.event.count({
      where: { serviceId: service.id, timestamp: { gt: new Date(at.getTime() - 1), lte: at } },
    });
    expect(inRange).toBe(2);
  });

  it("rollups keep sketches as bytes and sums as floats", async () => {
    const { service } = await makeUserAndService("d");
    const sketch = Uint8Array.from([0, 1, 2, 250, 255]);
    await t.db.rollup.create({
      data: {
        serviceId: service.id, tier: "minute", bucketStart: at, dimension: "*", value: "*",
        count: 3, errors: 1, latencySketch: sketch, latencyCount: 3, latencySum: 1234.5, latencyMin: 100.25,
        latencyMax: 900, evals: JSON.stringify({ relevance: [2.4, 3] }),
      },
    });
    const read = await t.db.rollup.findFirstOrThrow({ where: { serviceId: service.id } });
    expect(Array.from(read.latencySketch ?? [])).toEqual([0, 1, 2, 250, 255]);
    expect(read).toMatchObject({ count: 3, errors: 1, latencySum: 1234.5, latencyMin: 100.25, ttftSketch: null });
    expect(read.bucketStart.toISOString()).toBe(at.toISOString());
  });

  it("config versions, snapshots and alerts", async () => {
    const { user, service } = await makeUserAndService("e");
    const version = await t.db.scoreConfigVersion.create({
      data: { serviceId: service.id, version: 1, status: "active", body: "{}", authorId: user.id, activatedAt: at },
    });
    await expect(
      t.db.scoreConfigVersion.create({ data: { serviceId: service.id, version: 1, status: "draft", body: "{}" } }),
    ).rejects.toThrow();
    await t.db.scoreSnapshot.create({
      data: { serviceId: service.id, at, score: 72.5, status: "warning", coverage: 1, configVersionId: version.id },
    });
    await t.db.scoreSnapshot.create({ data: { serviceId: service.id, at: new Date(at.getTime() + 60_000), score: null, status: "no_data", coverage: 0.25 } });
    const snapshots = await t.db.scoreSnapshot.findMany({ where: { serviceId: service.id }, orderBy: { at: "asc" } });
    expect(snapshots.map((s) => [s.score, s.status])).toEqual([[72.5, "warning"], [null, "no_data"]]);
    const alert = await t.db.alert.create({
      data: { serviceId: service.id, severity: "critical", state: "firing", alertKey: `${service.id}:critical`, pendingSince: at, firingSince: at, score: 41 },
    });
    const { count } = await t.db.alert.updateMany({
      where: { id: alert.id, acknowledgedAt: null },
      data: { acknowledgedAt: at, acknowledgedById: user.id },
    });
    expect(count).toBe(1);
    const again = await t.db.alert.updateMany({ where: { id: alert.id, acknowledgedAt: null }, data: { acknowledgedAt: at } });
    expect(again.count).toBe(0);
  });

  it("audit rows chain their hashes", async () => {
    await t.db.$transaction(async (tx) => {
      await appendAudit(tx, { at, actorId: null, actorLabel: "test", action: "x.one", targetType: "t", targetId: "1", after: { a: 1 } });
      await appendAudit(tx, { at, actorId: null, actorLabel: "test", action: "x.two", targetType: "t", targetId: "2" });
    });
    const rows = await t.db.auditLog.findMany({ orderBy: { id: "asc" } });
    const [first, second] = rows.slice(-2);
    expect(second!.prevHash).toBe(first!.hash);
    const content = { at: second!.at, actorId: null, actorLabel: "test", action: "x.two", targetType: "t", targetId: "2", before: null, after: null };
    expect(second!.hash).toBe(auditHash(first!.hash, content));
    expect(rows[0]!.prevHash).toBe(GENESIS_HASH);
  });
});

describe.runIf(process.env.VITALS_TEST_DB === "sqlite")("SQLite connection settings", () => {
  it("runs in WAL mode with synchronous=NORMAL", async () => {
    const [journal] = await t.db.$queryRawUnsafe<{ journal_mode: string }[]>("PRAGMA journal_mode");
    const [sync] = await t.db.$queryRawUnsafe<{ synchronous: bigint | number }[]>("PRAGMA synchronous");
    expect(journal?.journal_mode).toBe("wal");
    expect(Number(sync?.synchronous)).toBe(1); // 0 OFF, 1 NORMAL, 2 FULL
  });
});
