import { getDb } from "@/lib/db/client.ts";
import { readEventPage, type EventCursor } from "@/lib/db/event-rows.ts";
import { deleteRollupsForRebuild, forgetKnownValues, loadKnownValues, lockServiceRollups, writeRollups } from "@/lib/db/rollups.ts";
import { listServices } from "@/lib/db/services.ts";
import {
  CardinalityGuard, carryOver, DEFAULT_RETENTION, foldEventsInto, HOUR_MS, ingestTier, rebuildStart, type RetentionConfig, type RollupEntry,
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
const KNOWN_LOOKBACK_MS = DEFAULT_RETENTION.minute;

/**
 * Recomputes rollups from raw events, hour by hour, one transaction per hour under the service's rollup lock:
 * delete the hour's minute and hour rows, refold its events (pages of 5,000 in (timestamp, eventId) order), and
 * write them back in the tier ingest folds them into (`ingestTier`): minute rows, or the hour row when the hour
 * is past the minute retention. Ingest keeps
 * running: an event committed before an hour's transaction is refolded from raw, a later one is folded live into
 * the rebuilt rows (it waits for the same lock), so none is lost or counted twice.
 *
 * Raw events cannot restore everything: embeddings are never stored per event, rejected events are only
 * counted, and services that keep no responses have no response lengths. Those parts are carried over from the
 * deleted rows onto the rebuilt ones (carry-over.ts) rather than lost.
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
    const guard = new CardinalityGuard(await loadKnownValues(db, service.id, new Date(start - KNOWN_LOOKBACK_MS), new Date(start)));
    for (let hour = start; hour < now + FUTURE_MS; hour += HOUR_MS) {
      await db.$transaction(async (tx) => {
        await lockServiceRollups(tx, service.id);
        const range = { from: new Date(hour), to: new Date(hour + HOUR_MS) };
        const carried = await deleteRollupsForRebuild(tx, service.id, range.from, range.to, !service.storePrompts);
        // An hour already compacted stays compacted, even if the retention was lengthened since. rebuildStart
        // keeps the rebuild out of the day tier.
        const tier = carried.some((c) => c.tier === "hour") ? "hour" : ingestTier(hour, now, retention);
        const rows = new Map<string, RollupEntry>();
        let cursor: EventCursor | null = null;
        for (;;) {
          const page = await readEventPage(tx, service.id, range, cursor, pageSize);
          foldEventsInto(rows, page, guard, tier);
          result.events += page.length;
          const last = page.at(-1);
          if (!last || page.length < pageSize) break;
          cursor = { timestamp: last.timestamp, eventId: last.eventId };
        }
        carryOver(rows, tier, carried);
        await writeRollups(tx, service.id, tier, rows.values(), { overwriteRejected: true });
        result.rowsWritten += rows.size;
      }, MAINTENANCE_TX);
    }
    forgetKnownValues(service.id);
  }
  return result;
}
