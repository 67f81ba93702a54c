import type { TelemetryEvent } from "@/lib/domain/event.ts";
import type { Db, Tx } from "./client.ts";
import type { StoredEventOptions } from "./hot-path/codec.ts";
import { runInHotTransaction } from "./hot-path/connection.ts";
import { PrismaStore } from "./hot-path/prisma-store.ts";
import { ingestScript, insertScript, runAsync, type IngestWrite } from "./hot-path/script.ts";

// Storing raw events. The primary key (serviceId, eventId) is the dedup key, so a retried batch inserts nothing
// twice, and only events the insert reports as new are folded into rollups — exactly once each.

export type { IngestWrite, ServiceEvents } from "./hot-path/script.ts";
export type { StoredEventOptions };

/**
 * The ingest write in one transaction, committed when this resolves: each service's events stored (deduplicated)
 * and the new ones folded into its rollups, then the rejected counted. Runs on the direct driver (hot-path/).
 * Returns the new events of each service, in the order of `write.services`.
 */
export function writeIngestBatch(write: IngestWrite): Promise<TelemetryEvent[][]> {
  return runInHotTransaction(() => ingestScript(write));
}

/**
 * Inserts events of one service through Prisma (inside the caller's transaction, if given one) and returns those
 * that were new, in input order; the rest were duplicates (stored before, or repeated within the batch).
 */
export function insertEvents(db: Db | Tx, serviceId: string, events: readonly TelemetryEvent[], options: StoredEventOptions): Promise<TelemetryEvent[]> {
  return runAsync(new PrismaStore(db), insertScript(serviceId, events, options));
}
