import type { TelemetryEvent } from "@/lib/domain/event.ts";
import { currentProvider, type Db, type Tx } from "./client.ts";
import type { StoredEventOptions } from "./hot-path/codec.ts";
import { runInHotTransaction } from "./hot-path/connection.ts";
import { PrismaStore } from "./hot-path/prisma-store.ts";
import { withQueued, type PendingRow } from "./hot-path/pending.ts";
import { foldPendingScript, ingestScript, insertScript, runAsync, type FoldPendingResult, type IngestWrite } from "./hot-path/script.ts";

// Storing raw events, and the fold queue between them and the rollups. The primary key (serviceId, eventId) is
// the dedup key, so a retried batch inserts nothing twice; only events the insert reports as new are queued
// (PendingFold), and each queued event is folded into rollups in the transaction that deletes its queue row —
// exactly once each, crash or not.

export type { FoldPendingResult, IngestWrite, ServiceEvents } from "./hot-path/script.ts";
export type { StoredEventOptions };

/**
 * The ingest write in one transaction, committed when this resolves: each service's events stored (deduplicated)
 * and the new ones queued for the aggregator, then the rejected counted. Runs on the direct driver (hot-path/).
 * Returns the new events of each service, in the order of `write.services`.
 */
export function writeIngestBatch(write: IngestWrite): Promise<TelemetryEvent[][]> {
  return runInHotTransaction(() => ingestScript(write));
}

/** One aggregator transaction on the direct driver: folds up to `limit` of the oldest queued events (foldPendingScript). */
export function foldQueuedEvents(now: Date, limit: number): Promise<FoldPendingResult> {
  return runInHotTransaction(() => foldPendingScript(now, limit));
}

/** foldQueuedEvents inside the caller's Prisma transaction (the same steps through Prisma). */
export function foldQueuedEventsIn(tx: Tx, now: Date, limit: number): Promise<FoldPendingResult> {
  return runAsync(new PrismaStore(tx), foldPendingScript(now, limit));
}

/** Whether an event is still queued, i.e. not yet in any rollup. Under the service's lock, that cannot change. */
export async function isEventQueued(db: Db | Tx, serviceId: string, eventId: string): Promise<boolean> {
  return (await db.pendingFold.count({ where: { serviceId, eventId } })) > 0;
}

/** Queued events in all (a test's or an operator's view of the aggregator's backlog). */
export function countQueuedEvents(db: Db | Tx): Promise<number> {
  return db.pendingFold.count();
}

/**
 * Takes events of one service off the queue because the caller folds them itself (a rebuild refolding raw
 * events): deletes their queue rows, under the service's lock, and adds what the rows carried to the events (in
 * place). On PostgreSQL the DELETE waits for an aggregator that claimed some of them; that aggregator cannot
 * fold them (the caller holds the service's lock) and leaves them to this.
 */
export async function takeQueuedEvents(tx: Tx, serviceId: string, events: readonly TelemetryEvent[]): Promise<void> {
  const postgres = currentProvider() === "postgres";
  const byId = new Map(events.map((e) => [e.eventId, e]));
  const ids = [...byId.keys()];
  for (let start = 0; start < ids.length; start += 1_000) {
    const chunk = ids.slice(start, start + 1_000);
    const list = chunk.map((_, i) => (postgres ? `$${i + 2}` : "?")).join(", ");
    const rows = await tx.$queryRawUnsafe<(PendingRow & { responseLength: number | bigint | null })[]>(
      `DELETE FROM "PendingFold" WHERE "serviceId" = ${postgres ? "$1" : "?"} AND "eventId" IN (${list}) RETURNING "eventId", "embedding", "responseLength"`,
      serviceId, ...chunk,
    );
    for (const row of rows) {
      const event = byId.get(row.eventId);
      if (event) withQueued(event, { ...row, responseLength: row.responseLength === null ? null : Number(row.responseLength) });
    }
  }
}

/**
 * Inserts events of one service through Prisma (inside the caller's transaction, if given one) and returns those
 * that were new, in input order; the rest were duplicates (stored before, or repeated within the batch).
 */
export function insertEvents(db: Db | Tx, serviceId: string, events: readonly TelemetryEvent[], options: StoredEventOptions): Promise<TelemetryEvent[]> {
  return runAsync(new PrismaStore(db), insertScript(serviceId, events, options));
}
