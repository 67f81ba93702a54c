import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compactEntries, decodeSketch, rollupKeyId, sketchCount, type RollupTier } from "@/lib/domain/rollup/index.ts";
import { comparable, makeEvent } from "@/lib/domain/rollup/testing.ts";
import { recordFeedback } from "@/lib/services/ingest/record-feedback.ts";
import { applyRetention } from "@/lib/services/rollups/apply-retention.ts";
import { compactRollups } from "@/lib/services/rollups/compact-rollups.ts";
import { rebuildRollups } from "@/lib/services/rollups/rebuild-rollups.ts";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-db.ts";
import { writeIngestBatch } from "./events.ts";
import { DAY, events, HOUR, NOW, rollupFixtures, totals } from "./rollup-fixtures.ts";
import { countRejected, readRollups } from "./rollups.ts";

// Rollup storage on the database under test (VITALS_TEST_DB): folding queued events (minute rows
// written through to hour rows), the rejected counter, feedback, late events, rebuild from raw events, compaction
// and retention. Concurrent writers: rollups-concurrency.int.test.ts; windows across tiers: rollup-window.int.test.ts.

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.drop();
});

const { makeService, ingest, ingestViaPrisma, snapshot } = rollupFixtures(() => t);

/** A service's rows of one tier as comparable data, by rollupKeyId. */
async function tierRows(serviceId: string, tier: RollupTier): Promise<Map<string, unknown>> {
  const rows = await readRollups(serviceId, tier, new Date(0), new Date(NOW.getTime() + DAY));
  return new Map(rows.map((r) => [rollupKeyId(r.key), comparable(r.agg)]));
}

/** The hour rows a service's minute rows merge into: what write-through must have written. */
async function mergedMinutes(serviceId: string): Promise<Map<string, unknown>> {
  const merged = compactEntries(await readRollups(serviceId, "minute", new Date(0), new Date(NOW.getTime() + DAY)), "hour");
  return new Map([...merged].map(([id, r]) => [id, comparable(r.agg)]));
}

/** Every hour that has minute rows has exactly their merge in its hour rows. */
async function expectHoursHoldTheirMinutes(serviceId: string): Promise<void> {
  const merged = await mergedMinutes(serviceId);
  expect(merged.size).toBeGreaterThan(0);
  const hours = await tierRows(serviceId, "hour");
  const minuteHours = new Set([...merged.keys()].map((id) => id.split("\u0000")[0]));
  expect(new Map([...hours].filter(([id]) => minuteHours.has(id.split("\u0000")[0])))).toEqual(merged);
}

describe(`rollups (${process.env.VITALS_TEST_DB})`, () => {
  it("runs on the database its project names", () => {
    // The template comes from lib/testing/global-setup.ts, which once read an env the project's `env` does not
    // reach, and so ran the "postgres" project on SQLite without a word.
    expect(t.provider).toBe(process.env.VITALS_TEST_DB);
  });

  it("folds new events once each (ingest queues them, the aggregator folds them)", async () => {
    const serviceId = await makeService();
    const minute = Date.parse("2026-11-26T11:15:00Z");
    const batch = [
      makeEvent({ eventId: "a", timestamp: new Date(minute + 1_000), provider: "openai", model: "gpt-4o", latencyMs: 100, costUsd: 0.5, evals: { relevance: 0.75 }, embedding: [1, 2], response: "héllo" }),
      makeEvent({ eventId: "b", timestamp: new Date(minute + 59_999), provider: "openai", status: "error", latencyMs: 0, segments: { region: "eu" }, evals: { relevance: 0.25 }, embedding: [3, 4] }),
    ];
    expect(await ingest(serviceId, batch)).toBe(2);
    expect(await ingest(serviceId, batch)).toBe(0); // a client retry: duplicates are not folded again
    const rows = await readRollups(serviceId, "minute", new Date(minute), new Date(minute + 60_000));
    expect(rows.map((r) => `${r.key.dimension}=${r.key.value}:${r.agg.count}`)).toEqual(["*=*:2", "model=gpt-4o:1", "provider=openai:2", "region=eu:1"]);
    const all = rows[0]!.agg;
    expect(all).toMatchObject({ count: 2, errors: 1, latencyCount: 2, latencySum: 100, latencyMin: 0, latencyMax: 100, costCount: 1, costSum: 0.5 });
    expect(all.latencySketch!.zeroCount).toBe(1);
    expect({ ...all.evals }).toEqual({ relevance: [1, 2] });
    expect(all.embedding).toEqual({ sum: [4, 6], count: 2 });
    expect({ ...all.histograms.response_length }).toEqual({ "≥4": 1 });
    expect(all.missing).toMatchObject({ ttft_ms: 2, model: 1, feedback: 2 });
    const stored = await t.db.rollup.findFirstOrThrow({ where: { serviceId, tier: "minute", dimension: "*" } });
    expect(sketchCount(decodeSketch(stored.latencySketch!))).toBe(2);
    expect(stored.bucketStart.toISOString()).toBe("2026-11-26T11:15:00.000Z");
    // Written through: the hour rows hold the same events, in the same transaction.
    expect(await tierRows(serviceId, "hour")).toEqual(await mergedMinutes(serviceId));
    expect((await tierRows(serviceId, "hour")).size).toBe(4);
  });

  it("gives the same rows whether events come in one batch or two", async () => {
    const [one, two] = [await makeService(), await makeService()];
    const evs = events("s", 300, NOW.getTime(), 2, 1);
    await ingest(one, evs);
    await ingest(two, evs.slice(0, 170));
    await ingest(two, evs.slice(170));
    expect(Object.keys(await snapshot(one)).length).toBeGreaterThan(100);
    expect(await snapshot(two)).toEqual(await snapshot(one));
    // Rows the Prisma path wrote, read back and merged by the hot path, and the other way round.
    const [three, four] = [await makeService(), await makeService()];
    await ingestViaPrisma(three, evs.slice(0, 170));
    await ingest(three, evs.slice(170));
    await ingest(four, evs.slice(0, 120));
    await ingestViaPrisma(four, evs.slice(120));
    expect(await snapshot(three)).toEqual(await snapshot(one));
    expect(await snapshot(four)).toEqual(await snapshot(one));
  });

  it("counts rejected events on the all-traffic rows of their minute and hour", async () => {
    const serviceId = await makeService();
    const at = new Date("2026-11-26T11:20:30Z");
    await t.db.$transaction((tx) => countRejected(tx, serviceId, at, 3));
    await ingest(serviceId, [makeEvent({ eventId: "x", timestamp: at })]);
    await t.db.$transaction((tx) => countRejected(tx, serviceId, at, 2));
    await writeIngestBatch({ services: [], rejected: new Map([[serviceId, 4]]), now: at });
    await writeIngestBatch({ services: [], rejected: new Map([[serviceId, 1]]), now: new Date("2026-11-26T11:42:00Z") });
    const [minute] = await readRollups(serviceId, "minute", new Date("2026-11-26T11:20:00Z"), new Date("2026-11-26T11:21:00Z"), "*");
    expect(minute?.agg).toMatchObject({ count: 1, rejected: 9 });
    const [hour] = await readRollups(serviceId, "hour", new Date("2026-11-26T11:00:00Z"), new Date("2026-11-26T12:00:00Z"), "*");
    expect(hour?.agg).toMatchObject({ count: 1, rejected: 10 });
    expect(await tierRows(serviceId, "hour")).toEqual(await mergedMinutes(serviceId));
  });

  it("moves every row holding an event by its feedback, once: minute and hour, or the hour alone once compacted", async () => {
    const serviceId = await makeService();
    const slug = (await t.db.service.findUniqueOrThrow({ where: { id: serviceId } })).slug;
    const at = NOW.getTime() - 2 * HOUR;
    await ingest(serviceId, [
      makeEvent({ eventId: "fb-1", timestamp: new Date(at), provider: "openai", evals: { relevance: 0.5 } }),
      makeEvent({ eventId: "fb-2", timestamp: new Date(at + 90_000), provider: "openai" }),
    ]);
    const system = { kind: "system", label: "test" } as const;
    const send = (eventId: string, now: Date) => recordFeedback(system, { event_id: eventId, service: slug, feedback: { csat: 4 }, evals: { relevance: 1 } }, now);
    expect(await send("fb-1", NOW)).toEqual({ updated: true });
    expect(await send("fb-1", NOW)).toEqual({ updated: false });
    const hour = (await tierRows(serviceId, "hour"));
    expect(hour).toEqual(await mergedMinutes(serviceId));
    const [all] = await readRollups(serviceId, "hour", new Date(at - HOUR), new Date(at + HOUR), "*");
    expect(all?.agg).toMatchObject({ count: 2, feedback: { csat: [4, 1] }, evals: { relevance: [1, 1] } });

    // Eight days on the minutes are gone (compaction) or would be (its cutoff): feedback moves the hour row alone.
    const later = new Date(NOW.getTime() + 8 * DAY);
    await compactRollups({ now: later, serviceId });
    expect(await send("fb-2", later)).toEqual({ updated: true });
    const [after] = await readRollups(serviceId, "hour", new Date(at - HOUR), new Date(at + HOUR), "*");
    expect(after?.agg).toMatchObject({ count: 2, feedback: { csat: [8, 2] }, evals: { relevance: [2, 2] } });
    expect((await tierRows(serviceId, "minute")).size).toBe(0);
  });

  it("rebuilds the rows live folding wrote, carrying over what raw events do not hold", async () => {
    for (const storePrompts of [true, false]) {
      const serviceId = await makeService(storePrompts);
      // Recent minutes (written through to their hours), and an hour ten days back that has hour rows only.
      await ingest(serviceId, events("r", 250, NOW.getTime(), 3, 2), storePrompts);
      await ingest(serviceId, events("o", 120, NOW.getTime() - 10 * DAY, 1, 3), storePrompts);
      await t.db.$transaction((tx) => countRejected(tx, serviceId, new Date(NOW.getTime() - 30 * 60_000), 4));
      await compactRollups({ now: NOW, serviceId });
      const live = await snapshot(serviceId);
      expect(Object.keys(live).some((k) => k.startsWith("hour "))).toBe(true);

      const from = new Date(NOW.getTime() - 11 * DAY);
      const result = await rebuildRollups({ now: NOW, serviceId, from });
      expect(result).toMatchObject({ services: 1, events: 370, from: new Date("2026-11-15T12:00:00Z") });
      expect(await snapshot(serviceId)).toEqual(live);
      await expectHoursHoldTheirMinutes(serviceId);

      // From nothing, only what raw events hold comes back: everything but embeddings and rejected counts.
      await t.db.rollup.deleteMany({ where: { serviceId } });
      await rebuildRollups({ now: NOW, serviceId, from });
      const rebuilt = await snapshot(serviceId, { embeddings: false });
      const expected = structuredClone(live) as Record<string, { count: number; rejected: number; embedding: unknown; histograms: Record<string, unknown> }>;
      for (const [key, row] of Object.entries(expected)) {
        if (row.count === 0) delete expected[key]; // the minute that only had rejected events
        Object.assign(row, { rejected: 0, embedding: { count: 0, sum: [] } });
        if (!storePrompts) delete row.histograms.response_length;
      }
      expect(rebuilt).toEqual(expected);
      await expectHoursHoldTheirMinutes(serviceId);
    }
  });

  it("rebuilds the hour rows of minutes written before the hour tier was written through, carrying their parts up", async () => {
    const serviceId = await makeService(false);
    await ingest(serviceId, events("w", 200, NOW.getTime(), 3, 11), false);
    await t.db.$transaction((tx) => countRejected(tx, serviceId, new Date(NOW.getTime() - 90 * 60_000), 5));
    const live = await snapshot(serviceId);
    // As an older version left them: minute rows only.
    await t.db.rollup.deleteMany({ where: { serviceId, tier: "hour" } });
    await rebuildRollups({ now: NOW, serviceId, from: new Date(NOW.getTime() - DAY) });
    expect(await snapshot(serviceId)).toEqual(live);
  });

  it("compacts old minutes by deleting them: the hour rows already hold them, and stay as they were", async () => {
    const serviceId = await makeService();
    const old = NOW.getTime() - 8 * DAY;
    // Folded on time (then they were minutes old), compacted eight days later; rejected events in both periods.
    await ingest(serviceId, events("c", 200, old, 2, 4), true, new Date(old + 60_000));
    await writeIngestBatch({ services: [], rejected: new Map([[serviceId, 3]]), now: new Date(old - 30 * 60_000) });
    await ingest(serviceId, events("n", 50, NOW.getTime(), 1, 5));
    await writeIngestBatch({ services: [], rejected: new Map([[serviceId, 2]]), now: NOW });
    const before = await totals(serviceId, "minute");
    expect(before.count).toBe(250);
    const hoursBefore = await tierRows(serviceId, "hour");
    expect(hoursBefore).toEqual(await mergedMinutes(serviceId));

    const first = await compactRollups({ now: NOW, serviceId });
    expect(first.minuteRowsDeleted).toBeGreaterThan(0);
    expect((await totals(serviceId, "minute")).count).toBe(50);
    expect(await tierRows(serviceId, "hour")).toEqual(hoursBefore);
    expect(await totals(serviceId, "hour")).toEqual(before);
    const afterFirst = await snapshot(serviceId);
    expect(await compactRollups({ now: NOW, serviceId })).toMatchObject({ minuteRowsDeleted: 0 });
    expect(await snapshot(serviceId)).toEqual(afterFirst);

    // An event 8 days late goes straight to the hour row of its minute: no minute row appears.
    await ingest(serviceId, [makeEvent({ eventId: "late", timestamp: new Date(old - HOUR + 60_000), latencyMs: 1000 })]);
    expect((await totals(serviceId, "minute")).count).toBe(50);
    expect(await totals(serviceId, "hour")).toEqual({ count: before.count + 1, latency: before.latency + 1000 });
    expect(await compactRollups({ now: NOW, serviceId })).toMatchObject({ minuteRowsDeleted: 0 });
    expect(Object.keys(await snapshot(serviceId)).length).toBe(Object.keys(afterFirst).length);
  });

  it("folds late events into the bucket compaction keeps for their timestamp, as a rebuild does", async () => {
    const [late, onTime] = [await makeService(), await makeService()];
    // Minutes of the last hours, hours 8 to 20 days back, a day 95 days back (past the hour retention).
    const evs = [
      ...events("m", 120, NOW.getTime(), 3, 8),
      ...events("h", 150, NOW.getTime() - 8 * DAY, 12 * 24, 9),
      ...events("d", 40, NOW.getTime() - 95 * DAY, 6, 10),
    ];
    await ingest(late, evs);
    const rows = await snapshot(late);
    const tiers = (tier: string) => Object.keys(rows).filter((k) => k.startsWith(`${tier} `));
    expect(tiers("minute").length).toBeGreaterThan(0);
    expect(tiers("hour").length).toBeGreaterThan(0);
    const starts = (tier: string) => tiers(tier).map((k) => Date.parse(k.split(" ")[1]!));
    expect(Math.min(...starts("minute"))).toBeGreaterThanOrEqual(NOW.getTime() - 3 * HOUR - 60_000);
    // Hour rows for the recent minutes (write-through) and for the hours 8 to 20 days back, nothing in between.
    expect(starts("hour").filter((h) => h >= NOW.getTime() - 8 * DAY && h < NOW.getTime() - 4 * HOUR)).toEqual([]);
    expect(new Set(starts("day"))).toEqual(new Set([Date.parse("2026-08-23T00:00:00Z")]));
    expect((await totals(late, "minute")).count).toBe(120);
    expect((await totals(late, "hour")).count + (await totals(late, "day")).count).toBe(310);

    // The same events folded when each was new, then compacted: the very same rows.
    for (const e of evs) await ingest(onTime, [e], true, new Date(e.timestamp.getTime() + 1_000));
    await compactRollups({ now: NOW, serviceId: onTime });
    expect(await snapshot(onTime)).toEqual(rows);
    // Compaction has nothing left to move, and a rebuild (raw events cover the last 30 days) writes them back.
    expect(await compactRollups({ now: NOW, serviceId: late })).toMatchObject({ minuteRowsDeleted: 0, hourRowsCompacted: 0 });
    await rebuildRollups({ now: NOW, serviceId: late, from: new Date(NOW.getTime() - 21 * DAY) });
    expect(await snapshot(late)).toEqual(rows);
  });

  it("applies retention: raw events past 30 days go, hours past 90 days become days", async () => {
    const serviceId = await makeService();
    const stale = events("stale", 20, NOW.getTime() - 31 * DAY, 1, 6);
    await ingest(serviceId, stale);
    await ingest(serviceId, events("ancient", 30, NOW.getTime() - 95 * DAY, 1, 7));
    const r = await applyRetention({ now: NOW });
    expect(r.rawEventsDeleted).toBeGreaterThanOrEqual(50);
    expect(await t.db.event.count({ where: { serviceId } })).toBe(0);
    const day = await readRollups(serviceId, "day", new Date(0), NOW, "*");
    expect(day.map((d) => d.agg.count)).toEqual([30]);
    expect(await t.db.rollup.count({ where: { serviceId, tier: "minute" } })).toBe(0);
    // The rollups outlive the raw events: the 31-day-old hour is still there.
    expect((await readRollups(serviceId, "hour", new Date(0), NOW, "*")).reduce((s, h) => s + h.agg.count, 0)).toBe(20);
  });

});
