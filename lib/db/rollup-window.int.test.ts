import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TelemetryEvent } from "@/lib/domain/event.ts";
import {
  ALL_TRAFFIC, emptyAggregate, floorToTier, foldEvents, mergeAggregateInto, sketchQuantile, type RollupAggregate,
} from "@/lib/domain/rollup/index.ts";
import { comparable } from "@/lib/domain/rollup/testing.ts";
import { compactRollups } from "@/lib/services/rollups/compact-rollups.ts";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-db.ts";
import { writeIngestBatch } from "./events.ts";
import { DAY, events, HOUR, NOW, rollupFixtures } from "./rollup-fixtures.ts";
import type { StoredRollup } from "./rollups.ts";
import { readWindowRows, readWindowRowsForServices } from "./rollup-window.ts";

// A window across the minute, hour and day tiers (readWindowRows) counts every event once: the rows it reads
// merge to what the same events folded into minutes alone give, on the database under test.

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.drop();
});

const { makeService, ingest } = rollupFixtures(() => t);

// Days 91–100 back (past the hour cutoff, 2026-08-28), days 8–60 back (hours only), the last 3 days (minutes).
const evs = [
  ...events("d", 200, NOW.getTime() - 91 * DAY, 9 * 24, 21),
  ...events("h", 300, NOW.getTime() - 8 * DAY, 52 * 24, 22),
  ...events("m", 300, NOW.getTime(), 3 * 24, 23),
];
// Late events, stored at NOW: they go straight to the hour or day rows of their buckets.
const late = [...events("ld", 20, NOW.getTime() - 92 * DAY, 24, 24), ...events("lh", 20, NOW.getTime() - 30 * DAY, 24, 25)];
// Rejected events, counted at these times (on time).
const rejectedAt = [NOW.getTime() - 95 * DAY, NOW.getTime() - 20 * DAY, NOW.getTime() - 2 * HOUR];

/**
 * Stores the events as they arrive: each hour's batch on time (so into minutes and hours), the late ones at NOW;
 * then compacts at `compactAt` (NOW, or earlier to leave compaction behind the cutoffs).
 */
async function load(compactAt: Date): Promise<string> {
  const serviceId = await makeService();
  const byHour = new Map<number, TelemetryEvent[]>();
  for (const e of evs) {
    const hour = floorToTier("hour", e.timestamp.getTime());
    byHour.set(hour, [...(byHour.get(hour) ?? []), e]);
  }
  for (const [hour, batch] of [...byHour].sort(([a], [b]) => a - b)) await ingest(serviceId, batch, true, new Date(hour + HOUR));
  for (const at of rejectedAt) await writeIngestBatch({ services: [], rejected: new Map([[serviceId, 3]]), now: new Date(at) });
  await compactRollups({ now: compactAt, serviceId });
  await ingest(serviceId, late);
  return serviceId;
}

function merge(aggs: Iterable<RollupAggregate>): RollupAggregate {
  const out = emptyAggregate();
  for (const agg of aggs) mergeAggregateInto(out, agg);
  return out;
}

/** The same events folded into minute rows alone, merged per value of `dimension`, for minutes in [from, to). */
function expected(from: number, to: number, dimension: string): Map<string, RollupAggregate> {
  const inWindow = [...evs, ...late].filter((e) => {
    const minute = floorToTier("minute", e.timestamp.getTime());
    return from <= minute && minute < to;
  });
  const byValue = new Map<string, RollupAggregate[]>();
  for (const { key, agg } of foldEvents(inWindow).values()) {
    if (key.dimension === dimension) byValue.set(key.value, [...(byValue.get(key.value) ?? []), agg]);
  }
  return new Map([...byValue].map(([value, aggs]) => [value, merge(aggs)]));
}

/** Equal counts and sums, latency and TTFT quantiles within 1 % (sketches merged in another order). */
function expectSame(actual: RollupAggregate, wanted: RollupAggregate): void {
  const plain = (agg: RollupAggregate) => ({ ...(comparable(agg) as object), latencySketch: null, ttftSketch: null, rejected: 0 });
  expect(plain(actual)).toEqual(plain(wanted));
  for (const sketch of ["latencySketch", "ttftSketch"] as const) {
    for (const q of [0.5, 0.95, 0.99]) {
      const [a, w] = [sketchQuantile(actual[sketch]!, q)!, sketchQuantile(wanted[sketch]!, q)!];
      expect(Math.abs(a - w)).toBeLessThanOrEqual(0.01 * w);
    }
  }
}

const byValue = (rows: StoredRollup[]) => {
  const values = new Map<string, StoredRollup[]>();
  for (const row of rows) values.set(row.key.value, [...(values.get(row.key.value) ?? []), row]);
  return new Map([...values].map(([value, rs]) => [value, merge(rs.map((r) => r.agg))]));
};

describe(`readWindowRows (${process.env.VITALS_TEST_DB})`, () => {
  // From a day start past the hour cutoff to a minute 17½ minutes ago: every tier, and a partial hour at the end.
  const from = Date.parse("2026-08-20T00:00:00Z");
  const to = NOW.getTime() - 17.5 * 60_000;

  it.each([
    ["compacted up to the cutoffs", NOW],
    ["compaction two days behind the cutoffs", new Date(NOW.getTime() - 2 * DAY)],
  ])("merges to the minutes-only aggregate over minute, hour and day rows (%s)", async (_, compactAt) => {
    const serviceId = await load(compactAt);
    const tiers = await t.db.rollup.findMany({ where: { serviceId }, distinct: ["tier"], select: { tier: true } });
    expect(tiers.map((r) => r.tier).sort()).toEqual(["day", "hour", "minute"]);

    const rows = await readWindowRows(t.db, serviceId, { from: new Date(from), to: new Date(to), now: NOW });
    expect(new Set(rows.map((r) => r.tier))).toEqual(new Set(["minute", "hour", "day"]));
    expect(rows.every((r) => r.key.dimension === ALL_TRAFFIC)).toBe(true);
    const all = merge(rows.map((r) => r.agg));
    const wanted = expected(from, to, ALL_TRAFFIC).get(ALL_TRAFFIC)!;
    // The events of days 91–92 back (two days before the window) and of the last 17½ minutes are left out.
    expect(wanted.count).toBeGreaterThan(700);
    expect(wanted.count).toBeLessThan(evs.length + late.length);
    expectSame(all, wanted);
    // Rejected counts, now in a day, an hour and a minute row (and its hour), each counted once.
    expect(all.rejected).toBe(9);

    // A segment dimension: one merged aggregate per value, as minutes alone give.
    const models = byValue(await readWindowRows(t.db, serviceId, { from: new Date(from), to: new Date(to), now: NOW, dimension: "model" }));
    const wantedModels = expected(from, to, "model");
    expect([...models.keys()].sort()).toEqual([...wantedModels.keys()].sort());
    for (const [value, agg] of models) expectSame(agg, wantedModels.get(value)!);
  });

  it("reads several services in one statement, each with its own rows; an empty window reads nothing", async () => {
    const [a, b, empty] = [await load(NOW), await makeService(), await makeService()];
    await ingest(b, events("b", 50, NOW.getTime(), 2, 26));
    const window = { from: new Date(NOW.getTime() - 30 * DAY), to: NOW, now: NOW };
    const found = await readWindowRowsForServices(t.db, [a, b, empty], window);
    expect([...found.keys()]).toEqual([a, b, empty]);
    expect(comparable(merge(found.get(a)!.map((r) => r.agg)))).toEqual(comparable(merge((await readWindowRows(t.db, a, window)).map((r) => r.agg))));
    expect(merge(found.get(b)!.map((r) => r.agg)).count).toBe(50);
    expect(found.get(empty)).toEqual([]);
    expect(await readWindowRows(t.db, a, { from: NOW, to: NOW, now: NOW })).toEqual([]);
  });
});
