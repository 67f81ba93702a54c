import { getDb } from "@/lib/db/client.ts";
import { deleteRollupRange, listRollupBuckets, lockServiceRollups, readRollupRange, readRollupsByKey, writeRollups } from "@/lib/db/rollups.ts";
import { listServices } from "@/lib/db/services.ts";
import {
  compactEntries, compactionCutoff, DEFAULT_RETENTION, floorToTier, mergeAggregateInto, TIER_MS, type RetentionConfig,
} from "@/lib/domain/rollup/index.ts";

export interface CompactOptions {
  now: Date;
  /** One service; all by default. */
  serviceId?: string;
  retention?: RetentionConfig;
}

export interface CompactResult {
  /** Minute rows past the minute retention, deleted: their hour rows hold them already (write-through). */
  minuteRowsDeleted: number;
  hourRowsCompacted: number;
  dayRowsWritten: number;
}

/** Maintenance transactions read and rewrite a whole day of rows: allow more than Prisma's 5 s. */
export const MAINTENANCE_TX = { maxWait: 30_000, timeout: 120_000 } as const;

/**
 * Applies the tier policy (tiers.ts) to rows past their retention, cut where ingest stops folding into the finer
 * tier (`compactionCutoff`, which `ingestTiers` uses too):
 * - minute rows before the minute cutoff are deleted, nothing merged: the hour tier is written through, so their
 *   hour rows already hold every event, rejected count and feedback change of them;
 * - hour rows before the hour cutoff are merged into day rows, one day per transaction, merging with the day
 *   rows already there (ingest folds a late event straight into its day once the day is past the cutoff), and
 *   deleted in the same transaction; so running it again — or after a crash — never counts anything twice.
 */
export async function compactRollups(options: CompactOptions): Promise<CompactResult> {
  const db = await getDb();
  const retention = options.retention ?? DEFAULT_RETENTION;
  const now = options.now.getTime();
  const serviceIds = options.serviceId !== undefined ? [options.serviceId] : (await listServices()).map((s) => s.id);
  const result: CompactResult = { minuteRowsDeleted: 0, hourRowsCompacted: 0, dayRowsWritten: 0 };
  for (const serviceId of serviceIds) {
    const minuteCutoff = new Date(compactionCutoff("minute", now, retention));
    result.minuteRowsDeleted += await db.$transaction(async (tx) => {
      await lockServiceRollups(tx, serviceId);
      return deleteRollupRange(tx, serviceId, "minute", null, minuteCutoff);
    }, MAINTENANCE_TX);

    const hourCutoff = new Date(compactionCutoff("hour", now, retention));
    const days = new Set((await listRollupBuckets(db, serviceId, "hour", hourCutoff)).map((b) => floorToTier("day", b.getTime())));
    for (const day of days) {
      const { read, written } = await compactDay(serviceId, day);
      result.hourRowsCompacted += read;
      result.dayRowsWritten += written;
    }
  }
  return result;
}

async function compactDay(serviceId: string, day: number): Promise<{ read: number; written: number }> {
  const db = await getDb();
  const from = new Date(day);
  const to = new Date(day + TIER_MS.day);
  return db.$transaction(async (tx) => {
    await lockServiceRollups(tx, serviceId);
    const rows = await readRollupRange(tx, serviceId, "hour", from, to);
    if (rows.length === 0) return { read: 0, written: 0 };
    const merged = compactEntries(rows, "day");
    const existing = await readRollupsByKey(tx, serviceId, "day", [...merged.values()].map((e) => e.key));
    for (const [id, entry] of merged) {
      const old = existing.get(id);
      if (old) mergeAggregateInto(entry.agg, old.agg);
    }
    await writeRollups(tx, serviceId, "day", merged.values(), { overwriteRejected: true });
    await deleteRollupRange(tx, serviceId, "hour", from, to);
    return { read: rows.length, written: merged.size };
  }, MAINTENANCE_TX);
}
