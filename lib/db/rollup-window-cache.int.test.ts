import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALL_TRAFFIC, foldEvents, type RollupEntry } from "@/lib/domain/rollup/index.ts";
import { makeEvent } from "@/lib/domain/rollup/testing.ts";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-db.ts";
import { writeRollups } from "./rollups.ts";
import { readWindowRows } from "./rollup-window.ts";

// Hour and day rows stay decoded between window reads (DecodedRows in rollup-window.ts). A row written since it
// was held — new events, a changed rejected count — must be read again, by every path the reader takes: the
// cold read of a whole window and the read of only the rows that changed.

const NOW = new Date("2026-11-26T12:30:00Z");
const HOUR = 3_600_000;
let t: TestDatabase;
let serviceId: string;

beforeAll(async () => {
  t = await createTestDatabase();
  serviceId = (await t.db.service.create({ data: { slug: "cached", name: "Cached", businessUnit: "bu", riskTier: "low" } })).id;
});
afterAll(async () => {
  await t?.drop();
});

/**
 * Hour rows holding `perHour` events of `latency` ms for each of the 23 whole hours of the window
 * [NOW − 24 h, NOW) = [11-25 12:30, 11-26 12:30): 11-25 13:00 … 11-26 11:00 (the partial hours at either end
 * are read from minute rows, of which there are none).
 */
function hourRows(perHour: number, latency: number): RollupEntry[] {
  const start = Date.parse("2026-11-25T13:00:00Z");
  const events = Array.from({ length: 23 * perHour }, (_, i) =>
    makeEvent({ eventId: `e${i}`, timestamp: new Date(start + Math.floor(i / perHour) * HOUR + (i % perHour) * 1_000), latencyMs: latency }),
  );
  return [...foldEvents(events).values()]
    .filter((r) => r.key.dimension === ALL_TRAFFIC)
    .map((r) => ({ key: { ...r.key, bucketStart: Math.floor(r.key.bucketStart / HOUR) * HOUR }, agg: r.agg }))
    .reduce<RollupEntry[]>((rows, r) => {
      const same = rows.find((x) => x.key.bucketStart === r.key.bucketStart);
      if (same) throw new Error("one minute row per hour expected");
      return [...rows, r];
    }, []);
}

async function write(rows: RollupEntry[]) {
  await t.db.$transaction((tx) => writeRollups(tx, serviceId, "hour", rows, { overwriteRejected: true }));
}

const window = () => readWindowRows(t.db, serviceId, { from: new Date(NOW.getTime() - 24 * HOUR), to: NOW, now: NOW });
const totals = (rows: Awaited<ReturnType<typeof window>>) => ({
  count: rows.reduce((s, r) => s + r.agg.count, 0),
  latency: rows.reduce((s, r) => s + r.agg.latencySum, 0),
  rejected: rows.reduce((s, r) => s + r.agg.rejected, 0),
});

describe(`window reads keep decoded rows until they change (${process.env.VITALS_TEST_DB})`, () => {
  it("reads the same rows twice, and a changed row anew", async () => {
    await write(hourRows(2, 100));
    expect(totals(await window())).toEqual({ count: 46, latency: 4_600, rejected: 0 });
    expect(totals(await window())).toEqual({ count: 46, latency: 4_600, rejected: 0 }); // from held rows

    // One hour rewritten with more events: only that row is read again.
    const [first] = hourRows(5, 100);
    await new Promise((done) => setTimeout(done, 5)); // a later updatedAt than the first write
    await write([first!]);
    expect(totals(await window())).toEqual({ count: 46 - 2 + 5, latency: 4_900, rejected: 0 });

    // Most rows rewritten (the whole-window path), with a rejected count.
    const rows = hourRows(3, 200);
    rows[3]!.agg.rejected = 7;
    await new Promise((done) => setTimeout(done, 5));
    await write(rows);
    expect(totals(await window())).toEqual({ count: 69, latency: 13_800, rejected: 7 });
  });

  it("does not return a held row that was deleted", async () => {
    await t.db.rollup.deleteMany({ where: { serviceId, tier: "hour", bucketStart: { lt: new Date("2026-11-26T00:00:00Z") } } });
    // 12 hours of the 24 remain: 2026-11-26 00:00 … 11:00, 3 events each.
    expect(totals(await window()).count).toBe(36);
  });
});
