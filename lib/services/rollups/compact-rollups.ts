import { getDb } from "@/lib/db/client.ts";
import { deleteRollupRange, listRollupBuckets, lockServiceRollups, readRollupRange, readRollupsByKey, writeRollups } from "@/lib/db/rollups.ts";
import { listServices } from "@/lib/db/services.ts";
import {
  compactEntries, compactionCutoff, DEFAULT_RETENTION, floorToTier, mergeAggregateInto, TIER_MS, type RetentionConfig, type RollupTier,
} from "@/lib/domain/rollup/index.ts";

export interface CompactOptions {
  now: Date;
  /** One service; all by default. */
  serviceId?: string;
  retention?: RetentionConfig;
}

export interface CompactResult {
  minuteRowsCompacted: number;
  hourRowsWritten: number;
  hourRowsCompacted: number;
  dayRowsWritten: number;
}

/** Maintenance transactions read and rewrite a whole hour or day of rows: allow more than Prisma's 5 s. */
export const MAINTENANCE_TX = { maxWait: 30_000, timeout: 120_000 } as const;

/**
 * Compacts minute rows past the minute retention into hour rows, and hour rows past the hour retention into day
 * rows (DESIGN.md §2), one coarse bucket per transaction, cut where ingest stops folding into the finer tier
 * (`compactionCutoff`, which `ingestTier` uses too). Each transaction merges the fine rows into the coarse rows
 * already there — ingest folds a late event straight into its hour once the hour is past the cutoff, so the hour
 * row can exist before compaction gets to the hour's minutes — and deletes the fine rows; because both happen
 * atomically, running it again — or after a crash — never counts anything twice.
 */
export async function compactRollups(options: CompactOptions): Promise<CompactResult> {
  const db = await getDb();
  const retention = options.retention ?? DEFAULT_RETENTION;
  const serviceIds = options.serviceId !== undefined ? [options.serviceId] : (await listServices()).map((s) => s.id);
  const result: CompactResult = { minuteRowsCompacted: 0, hourRowsWritten: 0, hourRowsCompacted: 0, dayRowsWritten: 0 };
  for (const serviceId of serviceIds) {
    for (const [fine, coarse] of [["minute", "hour"], ["hour", "day"]] as const) {
      const cutoff = new Date(compactionCutoff(fine, options.now.getTime(), retention));
      const buckets = new Set((await listRollupBuckets(db, serviceId, fine, cutoff)).map((b) => floorToTier(coarse, b.getTime())));
      for (const bucket of buckets) {
        const { read, written } = await compactBucket(serviceId, fine, coarse, bucket);
        if (fine === "minute") {
          result.minuteRowsCompacted += read;
          result.hourRowsWritten += written;
        } else {
          result.hourRowsCompacted += read;
          result.dayRowsWritten += written;
        }
      }
    }
  }
  return result;
}

async function compactBucket(serviceId: string, fine: RollupTier, coarse: RollupTier, bucket: number): Promise<{ read: number; written: number }> {
  const db = await getDb();
  const from = new Date(bucket);
  const to = new Date(bucket + TIER_MS[coarse]);
  return db.$transaction(async (tx) => {
    await lockServiceRollups(tx, serviceId);
    const rows = await readRollupRange(tx, serviceId, fine, from, to);
    if (rows.length === 0) return { read: 0, written: 0 };
    const merged = compactEntries(rows, coarse);
    const existing = await readRollupsByKey(tx, serviceId, coarse, [...merged.values()].map((e) => e.key));
    for (const [id, entry] of merged) {
      const old = existing.get(id);
      if (old) mergeAggregateInto(entry.agg, old.agg);
    }
    await writeRollups(tx, serviceId, coarse, merged.values(), { overwriteRejected: true });
    await deleteRollupRange(tx, serviceId, fine, from, to);
    return { read: rows.length, written: merged.size };
  }, MAINTENANCE_TX);
}
