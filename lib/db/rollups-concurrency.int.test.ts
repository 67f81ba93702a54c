import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OTHER, sketchCount } from "@/lib/domain/rollup/index.ts";
import { makeEvent } from "@/lib/domain/rollup/testing.ts";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-db.ts";
import { writeIngestBatch } from "./events.ts";
import { drainQueue, rollupFixtures } from "./rollup-fixtures.ts";
import { readRollups } from "./rollups.ts";

// Concurrent writers of the same rollup rows on the database under test (VITALS_TEST_DB): totals stay exact,
// every event is stored and folded once, and no two transactions deadlock.

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.drop();
});

const { makeService, ingest, ingestViaPrisma } = rollupFixtures(() => t);

describe(`concurrent rollup writers (${process.env.VITALS_TEST_DB})`, () => {
  it("keeps every count exact when batches of several services, with rejected events, race", async () => {
    const [a, b] = (await Promise.all([makeService(), makeService()])).sort() as [string, string];
    const at = Date.parse("2026-11-26T11:40:00Z");
    const events = (w: number) => Array.from({ length: 10 }, (_, i) => makeEvent({ eventId: `m${w}-${i}`, timestamp: new Date(at + i * 1000), latencyMs: 10 }));
    // Half the batches fold into a and b; the other half fold into b and count a rejected event against a, in
    // the same minute — the all-traffic row the first half folds into while it waits for b's lock.
    const writers = 24;
    await Promise.all(
      Array.from({ length: writers }, (_, w) =>
        writeIngestBatch({
          services: w % 2 ? [{ serviceId: b, storePrompts: true, events: events(w) }] : [a, b].map((serviceId) => ({ serviceId, storePrompts: true, events: events(w) })),
          rejected: new Map(w % 2 ? [[a, 1]] : []),
          now: new Date(at + 30_000),
        }),
      ),
    );
    // Two aggregators racing each other (the queue is folded once whoever claims it).
    await Promise.all([drainQueue(new Date(at + 30_000), 50), drainQueue(new Date(at + 30_000), 50)]);
    // The minute's all-traffic row and, written through, its hour's.
    for (const [tier, start] of [["minute", at], ["hour", Date.parse("2026-11-26T11:00:00Z")]] as const) {
      const all = async (serviceId: string) => (await readRollups(serviceId, tier, new Date(start), new Date(start + 1), "*"))[0]!.agg;
      expect(await all(a)).toMatchObject({ count: (writers / 2) * 10, rejected: writers / 2 });
      expect(await all(b)).toMatchObject({ count: writers * 10, rejected: 0 });
    }
  });

  it.each([
    ["the hot path", false],
    ["the hot path and Prisma transactions side by side", true],
  ])("keeps exact totals when concurrent transactions on %s fold into the same rows", async (_, mixed) => {
    const serviceId = await makeService();
    const minute = Date.parse("2026-11-26T11:30:00Z");
    const writers = 8;
    const perWriter = 25;
    const event = (w: number, i: number) =>
      makeEvent({ eventId: `w${w}-${i}`, timestamp: new Date(minute + i * 1000), latencyMs: w * 100 + i, provider: "openai", segments: { user: `u${w}-${i}` } });
    // Each writer also resends 5 events of the next one (a retry racing the original): stored and folded once.
    const stored = await Promise.all(
      Array.from({ length: writers }, (_, w) => {
        const batch = [...Array.from({ length: perWriter }, (_, i) => event(w, i)), ...Array.from({ length: 5 }, (_, i) => event((w + 1) % writers, i))];
        return mixed && w % 2 === 1 ? ingestViaPrisma(serviceId, batch) : ingest(serviceId, batch);
      }),
    );
    const n = writers * perWriter;
    expect(stored.reduce((a, b) => a + b, 0)).toBe(n);
    const rows = await readRollups(serviceId, "minute", new Date(minute), new Date(minute + 60_000));
    const byKey = new Map(rows.map((r) => [`${r.key.dimension}=${r.key.value}`, r.agg]));
    const all = byKey.get("*=*")!;
    expect(all.count).toBe(n);
    expect(all.latencySum).toBe(Array.from({ length: writers }, (_, w) => perWriter * w * 100 + (perWriter * (perWriter - 1)) / 2).reduce((a, b) => a + b, 0));
    expect(sketchCount(all.latencySketch!)).toBe(n);
    expect(byKey.get("provider=openai")?.count).toBe(n);
    // 200 distinct users: the first 100 admitted keep their own row, the other 100 share "(other)".
    expect(rows.filter((r) => r.key.dimension === "user")).toHaveLength(101);
    expect(byKey.get(`user=${OTHER}`)?.count).toBe(100);
    // The hour rows, written in the same transactions, hold exactly the same.
    const hours = await readRollups(serviceId, "hour", new Date(minute - 30 * 60_000), new Date(minute + 30 * 60_000));
    expect(hours.map((r) => [r.key.dimension, r.key.value, r.agg.count, r.agg.latencySum])).toEqual(rows.map((r) => [r.key.dimension, r.key.value, r.agg.count, r.agg.latencySum]));
  });
});
