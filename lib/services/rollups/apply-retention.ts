import { getDb } from "@/lib/db/client.ts";
import { deleteEventsBefore } from "@/lib/db/event-rows.ts";
import { listServices } from "@/lib/db/services.ts";
import { DEFAULT_RETENTION, retentionCutoffs, type RetentionConfig } from "@/lib/domain/rollup/index.ts";
import { compactRollups, type CompactResult } from "./compact-rollups.ts";

export interface RetentionOptions {
  now: Date;
  retention?: RetentionConfig;
}

export interface RetentionResult extends CompactResult {
  rawEventsDeleted: number;
  dayRowsDeleted: number;
}

/**
 * Applies the retention periods (DESIGN.md §2): compacts first — minute rows past their retention are deleted
 * (their hour rows, written through, hold them already), hour rows past theirs are merged into day rows and then
 * deleted, so no event leaves the tiers before it is held by a coarser row — then deletes raw events past their
 * retention and day rows past theirs, when days are not kept forever.
 */
export async function applyRetention(options: RetentionOptions): Promise<RetentionResult> {
  const retention = options.retention ?? DEFAULT_RETENTION;
  const compacted = await compactRollups({ now: options.now, retention });
  const cutoffs = retentionCutoffs(options.now.getTime(), retention);
  const db = await getDb();
  let rawEventsDeleted = 0;
  // Per service: the (serviceId, timestamp) index serves each delete; a bare timestamp range would scan them all.
  for (const { id } of await listServices()) rawEventsDeleted += await deleteEventsBefore(db, new Date(cutoffs.rawEvents), id);
  let dayRowsDeleted = 0;
  if (cutoffs.day !== null) {
    ({ count: dayRowsDeleted } = await db.rollup.deleteMany({ where: { tier: "day", bucketStart: { lt: new Date(cutoffs.day) } } }));
  }
  return { ...compacted, rawEventsDeleted, dayRowsDeleted };
}
