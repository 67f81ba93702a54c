import { getDb } from "@/lib/db/client.ts";
import { readEventPage, type EventCursor } from "@/lib/db/event-rows.ts";
import { takeQueuedEvents } from "@/lib/db/events.ts";
import { deleteRollupsForRebuild, forgetKnownValues, knownValuesFrom, loadKnownValues, lockServiceRollups, writeRollups } from "@/lib/db/rollups.ts";
import { listServices } from "@/lib/db/services.ts";
import {
  CardinalityGuard, carryOver, DEFAULT_RETENTION, emptyRowsByTier, foldEventsByTier, HOUR_MS, ingestTiers, rebuildStart,
  type CarriedParts, type RetentionConfig, type RollupTier,
} from "@/lib/domain/rollup/index.ts";
import { MAINTENANCE_TX } from "./compact-rollups.ts";

export interface RebuildOptions {
  now: Date;
  /** One service; all by default. */
  serviceId?: string;
  /** Rebuild from this instant (floored to the hour); by default as far back as raw events are kept. */
  from?: Date;
  retention?: RetentionConfig;
  pageSize?: number;
}

export interface RebuildResult {
  services: number;
  /** Where the rebuild started: `from`, floored to the hour and moved to where raw events cover whole hours. */
  from: Date;
  events: number;
  rowsWritten: number;
}

/** Events may arrive up to 5 minutes ahead of the server's clock (DESIGN.md §3). */
const FUTURE_MS = 5 * 60_000;
const HOUR_ONLY: readonly RollupTier[] = ["hour"];

/**
 * Recomputes rollups from raw events, hour by hour, one transaction per hour under the service's rollup lock:
 * delete the hour's minute and hour rows, refold its events (pages of 5,000 in (timestamp, eventId) order) into
 * the tiers ingest folds them into (`ingestTiers`) — minute rows and the hour's rows (write-through), or only
 * the hour's rows once the hour is past the minute retention — and write them back. The rebuilt range lies within
 * the raw retention, which lies within the hour retention, so day rows are never touched. Ingest keeps running:
 * an event the hour's transaction reads is refolded from raw and taken off the aggregator's queue in the same
 * transaction; a later one stays queued and is folded into the rebuilt rows afterwards (the aggregator needs the
 * same lock), so none is lost or counted twice.
 *
 * Raw events cannot restore everything: embeddings are never stored per event, rejected events are only
 * counted, and services that keep no responses have no response lengths. Those parts are carried over from the
 * deleted rows onto the rebuilt ones of the same tier and key (carry-over.ts) rather than lost.
 */
export async function rebuildRollups(options: RebuildOptions): Promise<RebuildResult> {
  const db = await getDb();
  const retention = options.retention ?? DEFAULT_RETENTION;
  const now = options.now.getTime();
  const start = rebuildStart(now, retention, options.from?.getTime());
  const pageSize = options.pageSize ?? 5_000;
  const services = (await listServices()).filter((s) => options.serviceId === undefined || s.id === options.serviceId);
  const result: RebuildResult = { services: services.length, from: new Date(start), events: 0, rowsWritten: 0 };

  for (const service of services) {
    // Values before the rebuilt range count against the caps, as they did when these events were first folded.
    const guard = new CardinalityGuard(await loadKnownValues(db, service.id, new Date(knownValuesFrom(start)), new Date(start)));
    for (let hour = start; hour < now + FUTURE_MS; hour += HOUR_MS) {
      await db.$transaction(async (tx) => {
        await lockServiceRollups(tx, service.id);
        const range = { from: new Date(hour), to: new Date(hour + HOUR_MS) };
        const carried = await deleteRollupsForRebuild(tx, service.id, range.from, range.to, !service.storePrompts);
        const minuteParts = carried.filter((c) => c.tier === "minute");
        const hourParts = carried.filter((c) => c.tier === "hour");
        // An hour already compacted (hour rows, no minute rows) stays so, even if the retention was lengthened since.
        const tiers = hourParts.length > 0 && minuteParts.length === 0 ? HOUR_ONLY : ingestTiers(hour, now, retention);
        const rows = emptyRowsByTier();
        let cursor: EventCursor | null = null;
        for (;;) {
          const page = await readEventPage(tx, service.id, range, cursor, pageSize);
          // Refolded here, so off the aggregator's queue (else folded twice). Only events this page read: one
          // committed after it stays queued and is folded into the rebuilt rows later.
          await takeQueuedEvents(tx, service.id, page);
          foldEventsByTier(page, guard, () => tiers, rows);
          result.events += page.length;
          const last = page.at(-1);
          if (!last || page.length < pageSize) break;
          cursor = { timestamp: last.timestamp, eventId: last.eventId };
        }
        for (const tier of tiers) {
          carryOver(rows[tier], tier, carriedInto(tier, tiers, minuteParts, hourParts));
          await writeRollups(tx, service.id, tier, rows[tier].values(), { overwriteRejected: true });
          result.rowsWritten += rows[tier].size;
        }
      }, MAINTENANCE_TX);
    }
    forgetKnownValues(service.id);
  }
  return result;
}

/**
 * What the rebuilt rows of `tier` carry over. Minute rows: their own. Hour rows: while the hour keeps its minutes,
 * it holds exactly their merge (write-through), so the minutes' parts rolled up; past the minute retention, its
 * own (its minutes are gone, and late events may have reached it alone). An hour with minute rows and no hour
 * rows was written before the hour tier was written through: its minutes hold everything.
 */
function carriedInto(tier: RollupTier, tiers: readonly RollupTier[], minuteParts: CarriedParts[], hourParts: CarriedParts[]): CarriedParts[] {
  if (tier === "minute" || tiers.includes("minute") || hourParts.length === 0) return minuteParts;
  return hourParts;
}
