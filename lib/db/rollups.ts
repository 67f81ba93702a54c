import type { TelemetryEvent } from "@/lib/domain/event.ts";
import { dict, RESPONSE_LENGTH, type CarriedParts, type RollupTier } from "@/lib/domain/rollup/index.ts";
import type { Db, Tx } from "./client.ts";
import { currentProvider, getDb } from "./client.ts";
import { rowToAggregate, type RollupDataRow, type StoredRollup } from "./hot-path/codec.ts";
import { PrismaStore } from "./hot-path/prisma-store.ts";
import { countRejectedScript, foldScript, runAsync } from "./hot-path/script.ts";

// Rollup storage (DESIGN.md §2): reads of one tier, and the maintenance statements of compaction, retention and
// rebuild (a score's window reads through rollup-window.ts). Rows are read and written whole (hot-path/codec.ts).
// Writers of a service's rollups take `lockServiceRollups` first — read, merge and write must not interleave with
// another writer's, or one of them loses the other's events. Only `countRejected` needs no lock: it is one
// statement of atomic increments that no other writer overwrites. Every writer keeps the hour tier written
// through (tiers.ts): what goes into a minute row goes into its hour row in the same transaction. The aggregator
// folds queued events on the direct driver (foldQueuedEvents in events.ts); foldIntoRollups and countRejected run
// the same steps inside a Prisma transaction.

export type RollupRow = Awaited<ReturnType<Db["rollup"]["findMany"]>>[number];
export type { RollupDataRow, StoredRollup };
export { rowToAggregate };
export { loadKnownValues, lockServiceRollups, readRollupsByKey, writeRollups, type WriteOptions } from "./hot-path/prisma-store.ts";
export { forgetKnownValues, knownValuesFrom } from "./hot-path/script.ts";

export function rowToStored(row: RollupRow): StoredRollup {
  const tier = row.tier as RollupTier;
  return { tier, key: { bucketStart: row.bucketStart.getTime(), dimension: row.dimension, value: row.value }, agg: rowToAggregate(row) };
}

/** Rows of one tier with from ≤ bucketStart < to. */
export async function readRollupRange(db: Db | Tx, serviceId: string, tier: RollupTier, from: Date, to: Date, dimension?: string): Promise<StoredRollup[]> {
  const rows = await db.rollup.findMany({
    where: { serviceId, tier, bucketStart: { gte: from, lt: to }, ...(dimension === undefined ? {} : { dimension }) },
    orderBy: [{ bucketStart: "asc" }, { dimension: "asc" }, { value: "asc" }],
  });
  return rows.map(rowToStored);
}

/** A service's rows of one tier whose buckets start in [from, to) (a window across tiers: readWindowRows). */
export async function readRollups(serviceId: string, tier: RollupTier, from: Date, to: Date, dimension?: string): Promise<StoredRollup[]> {
  return readRollupRange(await getDb(), serviceId, tier, from, to, dimension);
}

/**
 * Folds newly stored events of one service into its rollups inside the caller's Prisma transaction — the steps
 * of the ingest write (hot-path/script.ts): each event into the tiers its timestamp has at `now` (its minute and
 * hour, or only its hour or day when it is late), each touched row read, merged and written once under the
 * service's lock. Pass only events the insert reported as new.
 */
export function foldIntoRollups(tx: Tx, serviceId: string, events: readonly TelemetryEvent[], now: Date): Promise<void> {
  return runAsync(new PrismaStore(tx), foldScript(serviceId, events, now));
}

/** Adds `count` rejected events to the all-traffic rows of the minute and hour of `at` (data quality, DESIGN.md §4). */
export function countRejected(tx: Tx, serviceId: string, at: Date, count: number): Promise<void> {
  return runAsync(new PrismaStore(tx), countRejectedScript(serviceId, at, count));
}

// Maintenance (lib/services/rollups): compaction, retention and rebuild, each under lockServiceRollups.

/** Deletes a service's rows of one tier with from ≤ bucketStart < to (from null: all before `to`); returns how many. */
export async function deleteRollupRange(db: Db | Tx, serviceId: string, tier: RollupTier, from: Date | null, to: Date): Promise<number> {
  const bucketStart = from === null ? { lt: to } : { gte: from, lt: to };
  const { count } = await db.rollup.deleteMany({ where: { serviceId, tier, bucketStart } });
  return count;
}

/** Distinct bucket starts of a service's rows of one tier before `before`, ascending. */
export async function listRollupBuckets(db: Db | Tx, serviceId: string, tier: RollupTier, before: Date): Promise<Date[]> {
  const groups = await db.rollup.groupBy({ by: ["bucketStart"], where: { serviceId, tier, bucketStart: { lt: before } }, orderBy: { bucketStart: "asc" } });
  return groups.map((g) => g.bucketStart);
}

/**
 * Deletes a service's minute and hour rows with from ≤ bucketStart < to and returns what a rebuild cannot
 * recompute from raw events (see carry-over.ts). One DELETE … RETURNING, so a `rejected` increment committed
 * concurrently (countRejected takes no lock) is either returned here or lands on the rebuilt row afterwards.
 */
export async function deleteRollupsForRebuild(tx: Tx, serviceId: string, from: Date, to: Date, keepResponseLength: boolean): Promise<CarriedParts[]> {
  const p = (i: number) => (currentProvider() === "postgres" ? `$${i}` : "?");
  const rows = await tx.$queryRawUnsafe<{ tier: string; bucketStart: Date | string; dimension: string; value: string; rejected: number | bigint; embedding: string; histograms: string }[]>(
    `DELETE FROM "Rollup" WHERE "serviceId" = ${p(1)} AND "tier" IN ('minute', 'hour') AND "bucketStart" >= ${p(2)} AND "bucketStart" < ${p(3)} ` +
      `RETURNING "tier", "bucketStart", "dimension", "value", "rejected", "embedding", "histograms"`,
    serviceId, from, to,
  );
  return rows.map((row) => {
    const embedding = JSON.parse(row.embedding) as { sum?: number[]; count?: number };
    const histograms = JSON.parse(row.histograms) as Record<string, Record<string, number> | undefined>;
    return {
      tier: row.tier as RollupTier,
      key: { bucketStart: new Date(row.bucketStart).getTime(), dimension: row.dimension, value: row.value },
      rejected: Number(row.rejected),
      embedding: { sum: embedding.sum ?? [], count: embedding.count ?? 0 },
      responseLength: keepResponseLength ? dict(histograms[RESPONSE_LENGTH] ?? {}) : null,
    };
  });
}
