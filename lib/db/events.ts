import type { TelemetryEvent } from "@/lib/domain/event.ts";
import { currentProvider, type Db, type Tx } from "./client.ts";
import type { StoredEventOptions } from "./hot-path/codec.ts";
import { runInHotSnapshot, runInHotTransaction } from "./hot-path/connection.ts";
import { PrismaStore } from "./hot-path/prisma-store.ts";
import { withQueued, type PendingRow } from "./hot-path/pending.ts";
import {
  commitFoldScript, foldPendingScript, ingestScript, insertScript, prepareFoldScript, runAsync, StaleFoldError, type FoldPendingResult, type IngestWrite,
  type ServiceEvents,
} from "./hot-path/script.ts";

// Storing raw events, and the fold queue between them and the rollups. The primary key (serviceId, eventId) is
// the dedup key, so a retried batch inserts nothing twice; only events the insert reports as new are queued
// (PendingFold), and each queued event is folded into rollups in the transaction that deletes its queue row —
// exactly once each, crash or not.

export type { FoldPendingResult, IngestWrite, ServiceEvents } from "./hot-path/script.ts";
export type { StoredEventOptions };

/**
 * The ingest write, committed when this resolves: each service's events stored (deduplicated) and the new ones
 * queued for the aggregator, then the rejected counted. Runs on the direct driver (hot-path/). Returns the new
 * events of each service, in the order of `write.services`.
 *
 * Writes that arrive together share one transaction (group commit): a commit costs about as much as inserting a
 * hundred events. Writes queue until the event loop's next check phase, then commit as one — each still answered
 * only after that commit, and exactly as if it had been alone: an event id repeated by a later write of the group
 * is that write's duplicate. Should the shared transaction fail, each write is tried again on its own, so one
 * write's error is that write's alone.
 */
export function writeIngestBatch(write: IngestWrite): Promise<TelemetryEvent[][]> {
  return new Promise((resolve, reject) => {
    groupCommit.queued.push({ write, resolve, reject });
    if (groupCommit.queued.length === 1) setImmediate(commitGroup);
  });
}

interface QueuedWrite {
  write: IngestWrite;
  resolve: (fresh: TelemetryEvent[][]) => void;
  reject: (error: unknown) => void;
}

const groupCommit: { queued: QueuedWrite[] } = { queued: [] };

function commitGroup(): void {
  const group = groupCommit.queued;
  groupCommit.queued = [];
  const alone = ({ write, resolve, reject }: QueuedWrite) => void runInHotTransaction(() => ingestScript(write)).then(resolve, reject);
  if (group.length === 1) return alone(group[0]!);
  const { merged, split } = mergeWrites(group.map((queued) => queued.write));
  runInHotTransaction(() => ingestScript(merged)).then(
    (fresh) => split(fresh).forEach((own, i) => group[i]!.resolve(own)),
    () => group.forEach(alone),
  );
}

/**
 * Several writes as one, for one ingest transaction: each service's events in the order of the writes (so the
 * first occurrence of an id is the one stored, as when the writes run one after another), rejected counts summed.
 * One write keeps ingestScript's lock order (services and events by id), so two groups, like two requests, never
 * wait for each other in a cycle on PostgreSQL. `split` hands each write the new events that were its own.
 */
function mergeWrites(writes: readonly IngestWrite[]): { merged: IngestWrite; split: (fresh: TelemetryEvent[][]) => TelemetryEvent[][][] } {
  const services = new Map<string, ServiceEvents & { events: TelemetryEvent[] }>();
  const rejected = new Map<string, number>();
  let now = writes[0]!.now;
  for (const write of writes) {
    for (const s of write.services) {
      const into = services.get(s.serviceId);
      if (into) into.events.push(...s.events);
      else services.set(s.serviceId, { ...s, events: [...s.events] });
    }
    for (const [serviceId, count] of write.rejected) rejected.set(serviceId, (rejected.get(serviceId) ?? 0) + count);
    if (write.now > now) now = write.now;
  }
  const merged: IngestWrite = { services: [...services.values()], rejected, now };
  const split = (fresh: TelemetryEvent[][]) => {
    const stored = new Set(fresh.flat());
    return writes.map((write) => write.services.map((s) => s.events.filter((e) => stored.has(e))));
  };
  return { merged, split };
}

/**
 * Folds up to `limit` of the oldest queued events on the direct driver. PostgreSQL: one transaction
 * (foldPendingScript), claimed rows locked. SQLite, where a transaction that writes holds the whole database: the
 * events are loaded and folded in memory in a read transaction, and only the merge and the writes take the write
 * lock (prepareFoldScript, commitFoldScript) — so ingest waits for a fraction of the fold, not all of it. If a
 * queued event changed in between, the prepared fold is dropped and the events are folded under the lock.
 */
export async function foldQueuedEvents(now: Date, limit: number): Promise<FoldPendingResult> {
  if (currentProvider() === "sqlite") {
    const prepared = await runInHotSnapshot(() => prepareFoldScript(now, limit));
    if (prepared.claimed === 0) return { claimed: 0, folded: 0, skipped: 0 };
    try {
      return await runInHotTransaction(() => commitFoldScript(prepared));
    } catch (error) {
      if (!(error instanceof StaleFoldError)) throw error;
    }
  }
  return runInHotTransaction(() => foldPendingScript(now, limit));
}

/** foldQueuedEvents inside the caller's Prisma transaction (the same steps through Prisma). */
export function foldQueuedEventsIn(tx: Tx, now: Date, limit: number): Promise<FoldPendingResult> {
  return runAsync(new PrismaStore(tx), foldPendingScript(now, limit));
}

/**
 * Whether an event is still queued, i.e. not yet in any rollup — and if so, moves it to the back of the queue
 * (a new queue row carrying the same). Feedback calls it after changing a queued event, under the service's lock:
 * an aggregator that loaded the event before the change finds its queue row gone and drops that fold
 * (prepareFoldScript), and the event is folded as it is now.
 */
export async function requeueIfQueued(tx: Tx, serviceId: string, eventId: string): Promise<boolean> {
  const row = await tx.pendingFold.findUnique({ where: { serviceId_eventId: { serviceId, eventId } } });
  if (!row) return false;
  await tx.pendingFold.delete({ where: { seq: row.seq } });
  await tx.pendingFold.create({ data: { serviceId, eventId, embedding: row.embedding, responseLength: row.responseLength } });
  return true;
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
