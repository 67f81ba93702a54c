import { statSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TelemetryEvent } from "@/lib/domain/event.ts";
import { makeEvent } from "@/lib/domain/rollup/testing.ts";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-db.ts";
import { switchDatabase } from "./client.ts";
import { foldQueuedEvents, foldQueuedEventsIn, insertEvents, writeIngestBatch } from "./events.ts";
import { checkpointHotPath, closeHotPath, runInHotSnapshot, runInHotTransaction } from "./hot-path/connection.ts";
import { commitFoldScript, prepareFoldScript, StaleFoldError } from "./hot-path/script.ts";
import { recordFeedback } from "@/lib/services/ingest/record-feedback.ts";
import { countRejected, foldIntoRollups } from "./rollups.ts";

// The ingest hot path (direct better-sqlite3 / pg) against the same steps through Prisma, on the database under
// test: every column of every event and rollup row must read back the same through Prisma, down to the stored
// text of each DateTime. The process runs in a time zone far from UTC, so a Date that went through node-pg's
// local-time formatting would show up as shifted hours.
process.env.TZ = "America/New_York";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.drop();
});

const NOW = new Date("2026-11-26T12:00:00.000Z");
const DAY = 86_400_000;

function events(): TelemetryEvent[] {
  const full = makeEvent({
    eventId: "full", timestamp: new Date("2026-11-26T11:15:30.123Z"), model: "gpt-4o", provider: "openai", variant: "v2",
    latencyMs: 812.5, ttftMs: 120.25, status: "error", errorType: "timeout", inputTokens: 2_000_000_000, outputTokens: 7,
    costUsd: 0.00042, segments: JSON.parse('{"region": "eu-west", "__proto__": "x"}') as Record<string, string>, evals: { relevance: 0.8, hallucination: false },
    feedback: { thumbs_up: 1 }, outcomes: { resolved: true }, retrieval: { precision: 0.5, score: 3.25, documentIds: ["d1", "d\"2"] },
    attributes: { language: "de", tokens: 312 }, embedding: [0.25, -1, 3], prompt: "Grüß Gott — 👋", response: "é".repeat(5_000),
  });
  return [
    full,
    // Token sums past 2^31 on one row: the rollup columns are BigInt.
    { ...full, eventId: "big-2", timestamp: new Date("2026-11-26T11:15:59.999Z") },
    { ...full, eventId: "big-3", timestamp: new Date("2026-11-26T11:15:00.000Z") },
    makeEvent({ eventId: "bare", timestamp: new Date("2026-11-26T11:59:59.001Z") }),
    makeEvent({ eventId: "future", timestamp: new Date(NOW.getTime() + 4 * 60_000), latencyMs: 0 }),
    // Late: past the minute retention (an hour row) and past the hour retention (a day row).
    makeEvent({ eventId: "late-hour", timestamp: new Date(NOW.getTime() - 9 * DAY - 1), latencyMs: 3, model: "m" }),
    makeEvent({ eventId: "late-day", timestamp: new Date(NOW.getTime() - 95 * DAY), latencyMs: 4, segments: { region: "us" } }),
    { ...full, eventId: "full" }, // a repeat within the batch: stored once
  ];
}

async function service(slug: string): Promise<string> {
  return (await t.db.service.create({ data: { slug, name: slug, businessUnit: "Ops", riskTier: "low" } })).id;
}

/** Every event and rollup row of a service through Prisma, without the columns that name the service or the write. */
async function readBack(serviceId: string) {
  const eventRows = await t.db.event.findMany({ where: { serviceId }, orderBy: { eventId: "asc" }, omit: { serviceId: true } });
  const rollupRows = await t.db.rollup.findMany({
    where: { serviceId },
    orderBy: [{ tier: "asc" }, { bucketStart: "asc" }, { dimension: "asc" }, { value: "asc" }],
    omit: { serviceId: true, updatedAt: true },
  });
  return { eventRows, rollupRows: rollupRows.map((r) => ({ ...r, latencySketch: bytes(r.latencySketch), ttftSketch: bytes(r.ttftSketch) })) };
}

const bytes = (b: Uint8Array | null) => (b ? Array.from(b) : null);

/** DateTime columns as the database stores them (SQLite: text; PostgreSQL: timestamp printed as text). */
async function storedTimes(serviceId: string): Promise<string[]> {
  const p = t.provider === "postgres" ? "$1" : "?";
  const events = await t.db.$queryRawUnsafe<{ v: string }[]>(
    `SELECT CAST("timestamp" AS TEXT) || ' ' || CAST("receivedAt" AS TEXT) AS v FROM "Event" WHERE "serviceId" = ${p} ORDER BY "eventId"`, serviceId,
  );
  const rollups = await t.db.$queryRawUnsafe<{ v: string }[]>(
    `SELECT "tier" || ' ' || CAST("bucketStart" AS TEXT) AS v FROM "Rollup" WHERE "serviceId" = ${p} ORDER BY 1`, serviceId,
  );
  return [...events, ...rollups].map((r) => r.v);
}

describe(`hot path and Prisma write the same rows (${process.env.VITALS_TEST_DB})`, () => {
  it("stores identical events and rollups, read back identically, with DateTimes encoded as Prisma does", async () => {
    const [hot, viaPrisma] = [await service("hot"), await service("prisma")];
    const [fresh] = await writeIngestBatch({ services: [{ serviceId: hot, storePrompts: true, events: events() }], rejected: new Map([[hot, 2]]), now: NOW });
    expect(fresh!.map((e) => e.eventId)).toEqual(["full", "big-2", "big-3", "bare", "future", "late-hour", "late-day"]);
    // Folded by the aggregator, from the stored rows and what the queue carried (the embedding).
    expect(await foldQueuedEvents(NOW, 1_000)).toEqual({ claimed: 7, folded: 7, skipped: 0 });
    await t.db.$transaction(async (tx) => {
      const stored = await insertEvents(tx, viaPrisma, events(), { storePrompts: true, receivedAt: NOW });
      await foldIntoRollups(tx, viaPrisma, stored, NOW);
      await countRejected(tx, viaPrisma, NOW, 2);
    });

    const [a, b] = [await readBack(hot), await readBack(viaPrisma)];
    expect(a.eventRows).toHaveLength(7);
    expect(a).toEqual(b);
    expect(await storedTimes(hot)).toEqual(await storedTimes(viaPrisma));

    const full = a.eventRows.find((e) => e.eventId === "full")!;
    expect(full.timestamp.toISOString()).toBe("2026-11-26T11:15:30.123Z");
    expect(full.receivedAt.toISOString()).toBe(NOW.toISOString());
    expect(full.prompt).toBe("Grüß Gott — 👋");
    expect(JSON.parse(full.retrieval)).toEqual({ precision: 0.5, score: 3.25, document_ids: ["d1", "d\"2"] });
    const minute = a.rollupRows.find((r) => r.tier === "minute" && r.dimension === "*" && r.bucketStart.toISOString() === "2026-11-26T11:15:00.000Z")!;
    expect(minute).toMatchObject({ count: 3, inputTokens: 6_000_000_000n, outputTokens: 21n, latencySum: 2437.5 });
    // Late events in their hour or day only; recent ones written through to their hour as well.
    expect(a.rollupRows.filter((r) => r.tier !== "minute").map((r) => `${r.tier} ${r.bucketStart.toISOString()} ${r.dimension}`)).toEqual([
      "day 2026-08-23T00:00:00.000Z *", "day 2026-08-23T00:00:00.000Z region",
      "hour 2026-11-17T11:00:00.000Z *", "hour 2026-11-17T11:00:00.000Z model",
      "hour 2026-11-26T11:00:00.000Z *", "hour 2026-11-26T11:00:00.000Z __proto__", "hour 2026-11-26T11:00:00.000Z model",
      "hour 2026-11-26T11:00:00.000Z provider", "hour 2026-11-26T11:00:00.000Z region", "hour 2026-11-26T11:00:00.000Z variant",
      "hour 2026-11-26T12:00:00.000Z *",
    ]);
    const hour = a.rollupRows.find((r) => r.tier === "hour" && r.dimension === "*" && r.bucketStart.toISOString() === "2026-11-26T11:00:00.000Z");
    expect(hour).toMatchObject({ count: 4, inputTokens: 6_000_000_000n, outputTokens: 21n, latencySum: 2437.5 });
    const current = (tier: string) => a.rollupRows.find((r) => r.tier === tier && r.dimension === "*" && r.bucketStart.getTime() === NOW.getTime());
    expect(current("minute")).toMatchObject({ count: 0, rejected: 2 });
    expect(current("hour")).toMatchObject({ count: 1, rejected: 2 }); // with the event 4 minutes ahead

    if (t.provider === "sqlite") {
      expect(await storedTimes(hot)).toContain("2026-11-26T11:15:30.123+00:00 2026-11-26T12:00:00.000+00:00");
      const types = await t.db.$queryRawUnsafe<{ tokens: string; sum: string; sketch: string }[]>(
        `SELECT DISTINCT typeof("inputTokens") AS tokens, typeof("latencySum") AS sum, typeof("latencySketch") AS sketch FROM "Rollup" WHERE "serviceId" = ? AND "count" > 0 AND "latencyCount" > 0`, hot,
      );
      expect(types).toEqual([{ tokens: "integer", sum: "real", sketch: "blob" }]);
    }
  });

  it("folds through the queue what the event row keeps no copy of: embeddings, and response lengths it does not store", async () => {
    const [hot, viaPrisma] = [await service("queued"), await service("queued-prisma")];
    await writeIngestBatch({ services: [{ serviceId: hot, storePrompts: false, events: events() }], rejected: new Map(), now: NOW });
    expect(await t.db.rollup.count({ where: { serviceId: hot } })).toBe(0);
    expect(await foldQueuedEvents(NOW, 3)).toEqual({ claimed: 3, folded: 3, skipped: 0 });
    expect(await foldQueuedEvents(NOW, 1_000)).toEqual({ claimed: 4, folded: 4, skipped: 0 });
    await t.db.$transaction(async (tx) => {
      const stored = await insertEvents(tx, viaPrisma, events(), { storePrompts: false, receivedAt: NOW });
      await foldIntoRollups(tx, viaPrisma, stored, NOW);
    });
    const [a, b] = [await readBack(hot), await readBack(viaPrisma)];
    expect(a.eventRows.every((e) => e.response === null)).toBe(true);
    expect(a.rollupRows).toEqual(b.rollupRows);
    const minute = a.rollupRows.find((r) => r.tier === "minute" && r.dimension === "*" && r.bucketStart.toISOString() === "2026-11-26T11:15:00.000Z")!;
    expect(JSON.parse(minute.embedding)).toEqual({ sum: [0.75, -3, 9], count: 3 });
    expect(Object.keys(JSON.parse(minute.histograms).response_length)).toHaveLength(1);
  });

  it("folds the queue through Prisma as through the direct driver", async () => {
    const [hot, viaPrisma] = [await service("fold-hot"), await service("fold-prisma")];
    await writeIngestBatch({ services: [{ serviceId: hot, storePrompts: false, events: events() }], rejected: new Map(), now: NOW });
    expect(await foldQueuedEvents(NOW, 1_000)).toMatchObject({ folded: 7 });
    await writeIngestBatch({ services: [{ serviceId: viaPrisma, storePrompts: false, events: events() }], rejected: new Map(), now: NOW });
    expect(await t.db.$transaction((tx) => foldQueuedEventsIn(tx, NOW, 4))).toEqual({ claimed: 4, folded: 4, skipped: 0 });
    expect(await t.db.$transaction((tx) => foldQueuedEventsIn(tx, NOW, 1_000))).toEqual({ claimed: 3, folded: 3, skipped: 0 });
    expect(await t.db.pendingFold.count()).toBe(0);
    expect((await readBack(viaPrisma)).rollupRows).toEqual((await readBack(hot)).rollupRows);
  });

  it("drops a fold prepared before feedback changed a queued event, and folds the event as it is now", async () => {
    const serviceId = await service("prepared");
    const queued = ["p1", "p2", "p3"].map((eventId) => makeEvent({ eventId, timestamp: new Date("2026-11-26T11:40:10.000Z") }));
    await writeIngestBatch({ services: [{ serviceId, storePrompts: false, events: queued }], rejected: new Map(), now: NOW });
    const feedbackOfMinute = async () =>
      JSON.parse((await t.db.rollup.findUniqueOrThrow({
        where: { serviceId_tier_bucketStart_dimension_value: { serviceId, tier: "minute", bucketStart: new Date("2026-11-26T11:40:00.000Z"), dimension: "*", value: "*" } },
      })).feedback) as Record<string, [number, number]>;

    // Unchanged in between: the prepared fold commits.
    const first = await runInHotSnapshot(() => prepareFoldScript(NOW, 2));
    expect(await runInHotTransaction(() => commitFoldScript(first))).toEqual({ claimed: 2, folded: 2, skipped: 0 });
    expect(await t.db.pendingFold.count({ where: { serviceId } })).toBe(1);

    // p3 gets feedback after its fold was prepared: the commit refuses and leaves everything as it was.
    const stale = await runInHotSnapshot(() => prepareFoldScript(NOW, 1_000));
    expect(stale.claimed).toBe(1);
    await recordFeedback({ kind: "system", label: "test" }, { service: "prepared", event_id: "p3", feedback: { thumbs_up: 1 } }, NOW);
    await expect(runInHotTransaction(() => commitFoldScript(stale))).rejects.toBeInstanceOf(StaleFoldError);
    expect(await t.db.pendingFold.count({ where: { serviceId } })).toBe(1);
    expect((await feedbackOfMinute()).thumbs_up).toBeUndefined();

    // The aggregator folds p3 with its feedback: one event rated, of three counted.
    expect(await foldQueuedEvents(NOW, 1_000)).toEqual({ claimed: 1, folded: 1, skipped: 0 });
    expect((await feedbackOfMinute()).thumbs_up).toEqual([1, 1]);
    expect((await t.db.rollup.findFirstOrThrow({ where: { serviceId, tier: "minute", dimension: "*" } })).count).toBe(3);
  });

  it("leaves WAL checkpoints to the aggregator's checkpointHotPath, which copies every frame into the database", async () => {
    const serviceId = await service("checkpoint");
    const sqliteFile = t.url.startsWith("file:") ? t.url.slice(5) : null;
    const fileSize = () => statSync(sqliteFile!).size;
    checkpointHotPath();
    const before = sqliteFile ? fileSize() : 0;
    // 600 events of 8 KB: past SQLite's automatic checkpoint at 1,000 pages, which the commit must not run.
    const many = Array.from({ length: 600 }, (_, i) => makeEvent({ eventId: `c${i}`, timestamp: NOW, prompt: "p".repeat(4_000), response: "r".repeat(4_000) }));
    await writeIngestBatch({ services: [{ serviceId, storePrompts: true, events: many }], rejected: new Map(), now: NOW });
    const sizeAfterCommit = sqliteFile ? fileSize() : 0;
    const result = checkpointHotPath();
    if (!sqliteFile) {
      expect(result).toBeNull();
      return;
    }
    expect(result!.walFrames).toBeGreaterThan(1_000);
    expect(sizeAfterCommit).toBe(before);
    expect(result!.checkpointed).toBe(result!.walFrames);
    expect(fileSize()).toBeGreaterThan(before + 4_000_000);
  });

  it("commits writes that arrive together, each answered as if alone; one write's failure is its own", async () => {
    const serviceId = await service("grouped");
    const write = (ids: string[], to = serviceId, rejected = 0) =>
      writeIngestBatch({
        services: [{ serviceId: to, storePrompts: false, events: ids.map((eventId) => makeEvent({ eventId, timestamp: NOW })) }],
        rejected: new Map(rejected > 0 ? [[to, rejected]] : []),
        now: NOW,
      });
    const results = await Promise.allSettled([
      write(["g1", "g2"], serviceId, 2),
      write(["g2", "g3"], serviceId, 1), // g2 is the first write's: a duplicate here
      write(["g4"], "no-such-service"), // the foreign key refuses it
      ...Array.from({ length: 10 }, (_, i) => write([`g-many-${i}`])),
    ]);
    const fresh = (r: PromiseSettledResult<TelemetryEvent[][]>) => (r.status === "fulfilled" ? r.value[0]!.map((e) => e.eventId) : r.status);
    expect(results.map(fresh)).toEqual([["g1", "g2"], ["g3"], "rejected", ...Array.from({ length: 10 }, (_, i) => [`g-many-${i}`])]);
    expect(await t.db.event.count({ where: { serviceId } })).toBe(13);
    expect(await t.db.pendingFold.count({ where: { serviceId } })).toBe(13);
    // Both writes' rejected events, counted once each in the minute of NOW.
    const minute = await t.db.rollup.findFirstOrThrow({ where: { serviceId, tier: "minute", dimension: "*", bucketStart: new Date("2026-11-26T12:00:00.000Z") } });
    expect(minute.rejected).toBe(3);
  });

  it("reopens its connection after closeHotPath and after switchDatabase", async () => {
    const serviceId = await service("reopen");
    const write = (eventId: string) =>
      writeIngestBatch({ services: [{ serviceId, storePrompts: false, events: [makeEvent({ eventId, timestamp: NOW })] }], rejected: new Map(), now: NOW });
    await write("r1");
    await closeHotPath();
    await write("r2");
    await switchDatabase(t.url);
    await write("r3");
    expect(await t.db.event.count({ where: { serviceId } })).toBe(3);
  });
});
