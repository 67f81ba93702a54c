import type { TelemetryEvent } from "@/lib/domain/event.ts";
import {
  ALL_TRAFFIC, CardinalityGuard, DEFAULT_RETENTION, emptyAggregate, floorToTier, foldEventsByTier, ingestTiers, mergeAggregateInto,
  TIERS, type RetentionConfig, type RollupAggregate,
} from "@/lib/domain/rollup/index.ts";
import type { OnConflict, StoredEventOptions, StoredRollup } from "./codec.ts";
import { pendingRow, type ClaimedFold, type PendingRow } from "./pending.ts";

// The ingest write, written once as "transaction scripts": generators that yield each database step and get its
// result back. A driver runs a script inside its transaction: better-sqlite3 synchronously (the whole
// transaction is one call, so nothing else in the process interleaves), pg and Prisma asynchronously. The
// logic — dedup, fold, read-merge-write — is therefore the same on every path, and only the statements differ.

type MaybePromise<T> = T | Promise<T>;

/** The statements a script needs. `readRollups` answers in the order of `keys`, null where no row exists. */
export interface RollupStore {
  insertEvents(serviceId: string, events: readonly TelemetryEvent[], options: StoredEventOptions): MaybePromise<Set<string>>;
  /** Serialises writers of a service's rollups until the transaction ends. */
  lockService(serviceId: string): MaybePromise<void>;
  knownValues(serviceId: string, from: Date): MaybePromise<Map<string, Set<string>>>;
  readRollups(serviceId: string, keys: readonly StoredRollup[]): MaybePromise<(RollupAggregate | null)[]>;
  writeRollups(serviceId: string, rows: readonly StoredRollup[], onConflict: OnConflict, updatedAt: Date): MaybePromise<void>;
  /** Queues events for the aggregator (pending.ts), in the order given. */
  insertPending(serviceId: string, rows: readonly PendingRow[]): MaybePromise<void>;
  /** The oldest `limit` queue rows, in queue order; on PostgreSQL locked, skipping rows locked by others. */
  claimPending(limit: number): MaybePromise<ClaimedFold[]>;
  /** lockService if it can be had at once: false when another transaction holds it. */
  tryLockService(serviceId: string): MaybePromise<boolean>;
  /** The stored events of `claimed` (one service), in that order, with what the queue rows carried. */
  loadQueuedEvents(serviceId: string, claimed: readonly ClaimedFold[]): MaybePromise<TelemetryEvent[]>;
  /** Deletes queue rows; returns how many there were. */
  deletePending(seqs: readonly number[]): MaybePromise<number>;
}

/** A store whose steps complete synchronously (better-sqlite3). */
export type SyncRollupStore = { [K in keyof RollupStore]: (...args: Parameters<RollupStore[K]>) => Awaited<ReturnType<RollupStore[K]>> };

type Step = (store: RollupStore) => unknown;
export type Script<R> = Generator<Step, R, unknown>;

/** One step: `const x = yield* step((s) => s.something())` types x as the step's result. */
function* step<T>(run: (store: RollupStore) => MaybePromise<T>): Script<T> {
  return (yield run) as T;
}

export function runSync<R>(store: SyncRollupStore, script: Script<R>): R {
  let next = script.next();
  while (!next.done) next = script.next(next.value(store));
  return next.value;
}

export async function runAsync<R>(store: RollupStore, script: Script<R>): Promise<R> {
  let next = script.next();
  while (!next.done) next = script.next(await next.value(store));
  return next.value;
}

export interface ServiceEvents {
  serviceId: string;
  storePrompts: boolean;
  events: readonly TelemetryEvent[];
}

export interface IngestWrite {
  services: readonly ServiceEvents[];
  /** Rejected events per service id, for the data-quality metric. */
  rejected: ReadonlyMap<string, number>;
  now: Date;
}

/**
 * The ingest transaction, service by service in id order: store the service's events, queue the new ones for the
 * aggregator (foldPendingScript) and count its rejected — no fold: the events are durable, and each is folded
 * exactly once later, in the transaction that deletes its queue row. Event rows are taken in id order and
 * services in id order, so two ingest transactions never wait for each other in a cycle on PostgreSQL. The
 * rejected count is written under the service's lock, as every writer of a service's rollup rows takes it before
 * them; the aggregator never waits for a lock (it skips a locked service), so it cannot close a cycle either.
 * New events per entry of `write.services`.
 */
export function* ingestScript(write: IngestWrite): Script<TelemetryEvent[][]> {
  const fresh = new Map<string, TelemetryEvent[]>();
  const byId = new Map(write.services.map((s) => [s.serviceId, s]));
  const serviceIds = [...new Set([...byId.keys(), ...write.rejected.keys()])].sort();
  for (const serviceId of serviceIds) {
    const group = byId.get(serviceId);
    const stored = group ? yield* insertScript(serviceId, group.events, { storePrompts: group.storePrompts, receivedAt: write.now }) : [];
    if (stored.length > 0) {
      const rows = stored.map((e) => pendingRow(e, group!.storePrompts));
      yield* step((s) => s.insertPending(serviceId, rows));
    }
    const rejected = write.rejected.get(serviceId) ?? 0;
    if (rejected > 0) {
      yield* step((s) => s.lockService(serviceId));
      yield* countRejectedScript(serviceId, write.now, rejected);
    }
    fresh.set(serviceId, stored);
  }
  return write.services.map((s) => fresh.get(s.serviceId) ?? []);
}

export interface FoldPendingResult {
  /** Queue rows claimed. */
  claimed: number;
  /** Events folded (their queue rows deleted). */
  folded: number;
  /** Claimed rows left queued because their service was locked by another transaction. */
  skipped: number;
}

/**
 * One aggregator transaction: claims the oldest `limit` queued events and, service by service in id order, takes
 * the service's lock, loads the events (after the lock: feedback recorded meanwhile is in the row), folds them
 * (foldScript) and deletes their queue rows — so an event is folded exactly when its queue row is deleted, and a
 * crash before the commit leaves both undone. On PostgreSQL claimed rows are row-locked (others skip them), and
 * the service lock is only tried: a rebuild holds it while it deletes queue rows, so waiting for it while holding
 * claimed rows could deadlock. A service locked by another transaction keeps its rows queued for the next round.
 */
export function* foldPendingScript(now: Date, limit: number): Script<FoldPendingResult> {
  const claimed = yield* step((s) => s.claimPending(limit));
  const result: FoldPendingResult = { claimed: claimed.length, folded: 0, skipped: 0 };
  for (const [serviceId, group] of byService(claimed)) {
    if (!(yield* step((s) => s.tryLockService(serviceId)))) {
      result.skipped += group.length;
      continue;
    }
    const events = yield* step((s) => s.loadQueuedEvents(serviceId, group));
    yield* foldScript(serviceId, events, now, { locked: true });
    yield* step((s) => s.deletePending(group.map((c) => c.seq)));
    result.folded += group.length;
  }
  return result;
}

/** A fold computed outside the write lock (prepareFoldScript), to be committed by commitFoldScript. */
export interface PreparedFold {
  claimed: number;
  services: { serviceId: string; seqs: number[]; rows: StoredRollup[] }[];
}

/** A prepared fold whose queue rows changed before it could commit: fold under the lock instead. */
export class StaleFoldError extends Error {
  constructor() {
    super("Queued events changed while their fold was prepared.");
  }
}

/**
 * The first half of a fold in two transactions, for SQLite, where one writer at a time holds the database and a
 * fold's CPU work (loading the events, adding each one to its rows) would otherwise hold it too: reads the oldest
 * `limit` queue rows and their events and folds them in memory, with no lock. commitFoldScript then does the
 * rest under the write lock. The queue row is the proof that nothing changed between the two: whatever changes a
 * queued event or takes it over deletes its queue row (feedback re-queues the event, a rebuild takes the row,
 * retention deletes the event and its row with it, another aggregator folds it).
 */
export function* prepareFoldScript(now: Date, limit: number): Script<PreparedFold> {
  const claimed = yield* step((s) => s.claimPending(limit));
  const services: PreparedFold["services"] = [];
  for (const [serviceId, group] of byService(claimed)) {
    const events = yield* step((s) => s.loadQueuedEvents(serviceId, group));
    services.push({ serviceId, seqs: group.map((c) => c.seq), rows: yield* foldInMemory(serviceId, events, now) });
  }
  return { claimed: claimed.length, services };
}

/**
 * The second half, in the write transaction: deletes the prepared events' queue rows — all of them still there,
 * or the fold is stale and StaleFoldError rolls the transaction back — then reads, merges and writes the rows.
 */
export function* commitFoldScript(prepared: PreparedFold): Script<FoldPendingResult> {
  const result: FoldPendingResult = { claimed: prepared.claimed, folded: 0, skipped: 0 };
  for (const { serviceId, seqs, rows } of prepared.services) {
    yield* step((s) => s.lockService(serviceId));
    if ((yield* step((s) => s.deletePending(seqs))) !== seqs.length) throw new StaleFoldError();
    yield* mergeAndWriteScript(serviceId, rows);
    result.folded += seqs.length;
  }
  return result;
}

/** Queue rows by service, services in id order (the order in which writers take service locks). */
function byService(claimed: readonly ClaimedFold[]): [string, ClaimedFold[]][] {
  const groups = new Map<string, ClaimedFold[]>();
  for (const c of claimed) {
    const group = groups.get(c.serviceId);
    if (group) group.push(c);
    else groups.set(c.serviceId, [c]);
  }
  return [...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * Inserts events of one service and returns those that were new, in input order; the rest were duplicates
 * (stored before, or repeated within the batch: the first occurrence is the one stored).
 */
export function* insertScript(serviceId: string, events: readonly TelemetryEvent[], options: StoredEventOptions): Script<TelemetryEvent[]> {
  const seen = new Set<string>();
  const distinct = events.filter((e) => !seen.has(e.eventId) && seen.add(e.eventId));
  if (distinct.length === 0) return [];
  // In id order: two PostgreSQL transactions inserting the same ids in different orders would deadlock.
  const byId = [...distinct].sort((a, b) => (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0));
  const inserted = yield* step((s) => s.insertEvents(serviceId, byId, options));
  return distinct.filter((e) => inserted.has(e.eventId));
}

export interface FoldScriptOptions {
  /** The transaction holds the service's lock already. */
  locked?: boolean;
  retention?: RetentionConfig;
}

/**
 * Folds newly stored events of one service into its rollups. Each event goes to every tier `ingestTiers` picks
 * for its timestamp at `now`: its minute row and its hour row (write-through), or only the hour (past the minute
 * retention) or only the day (past the hour retention). The batch is folded in memory first, then each touched
 * row is read once, merged and written once, all in one transaction — under the service's lock, so a concurrent
 * writer's read-merge-write cannot interleave and lose events, and a minute row and its hour row never disagree.
 * Only events whose queue row the same transaction deletes may be passed (foldPendingScript), or events a rebuild
 * refolds from raw: that is what makes folding exactly-once.
 */
export function* foldScript(serviceId: string, events: readonly TelemetryEvent[], now: Date, options: FoldScriptOptions = {}): Script<void> {
  if (events.length === 0) return;
  if (!options.locked) yield* step((s) => s.lockService(serviceId));
  yield* mergeAndWriteScript(serviceId, yield* foldInMemory(serviceId, events, now, options.retention));
}

/** The rows a batch of one service's events adds to, each with the batch's aggregate: no row is read. */
function* foldInMemory(serviceId: string, events: readonly TelemetryEvent[], now: Date, retention: RetentionConfig = DEFAULT_RETENTION): Script<StoredRollup[]> {
  if (events.length === 0) return [];
  const latest = events.reduce((max, e) => Math.max(max, e.timestamp.getTime()), -Infinity);
  const guard = new CardinalityGuard(yield* knownValues(serviceId, latest));
  const byTier = foldEventsByTier(events, guard, (ms) => ingestTiers(ms, now.getTime(), retention));
  const rows: StoredRollup[] = [];
  for (const tier of TIERS) for (const { key, agg } of byTier[tier].values()) rows.push({ tier, key, agg });
  return rows;
}

/** Merges each row's stored aggregate into `rows` (in place) and writes them: the caller holds the service's lock. */
function* mergeAndWriteScript(serviceId: string, rows: StoredRollup[]): Script<void> {
  if (rows.length === 0) return;
  const existing = yield* step((s) => s.readRollups(serviceId, rows));
  rows.forEach((row, i) => {
    const old = existing[i];
    if (old) mergeAggregateInto(row.agg, old);
  });
  // `rejected` stays as stored: countRejected adds to it without the lock, and this read may predate that.
  yield* step((s) => s.writeRollups(serviceId, rows, "replace-but-rejected", new Date()));
}

/**
 * Adds `count` rejected events to the all-traffic rows of the minute and the hour of `at` (data quality,
 * DESIGN.md §4): the hour tier is written through for rejected counts too, so hour rows are complete.
 */
export function* countRejectedScript(serviceId: string, at: Date, count: number): Script<void> {
  if (count <= 0) return;
  const ms = at.getTime();
  const rows: StoredRollup[] = ingestTiers(ms, ms).map((tier) => ({
    tier,
    key: { bucketStart: floorToTier(tier, ms), dimension: ALL_TRAFFIC, value: ALL_TRAFFIC },
    agg: { ...emptyAggregate(), rejected: count },
  }));
  // One statement of atomic increments: correct under concurrency without the service lock (ingestScript still
  // takes the lock first, for the order in which it takes locks), and both rows or neither.
  yield* step((s) => s.writeRollups(serviceId, rows, "add-rejected", new Date()));
}

// Values each dimension already has, for the cardinality guard: the distinct values of the service's hour rows
// over the last 7 days (of event time) — what a recent score can show; every minute row's value is in its hour
// row too (write-through). Reading them per batch would scan a week of rows, so they are cached per process for
// a few minutes; the guard adds what it admits.
// Several processes can each admit values in the same few minutes, so a dimension can briefly exceed 100
// values by what they admitted concurrently; the next reload sees them all and admits no more.
const KNOWN_TTL_MS = 5 * 60_000;
const KNOWN_LOOKBACK_MS = DEFAULT_RETENTION.minute;
const known = new Map<string, { loadedAt: number; values: Map<string, Set<string>> }>();

function* knownValues(serviceId: string, reference: number): Script<Map<string, Set<string>>> {
  const cached = known.get(serviceId);
  if (cached && Date.now() - cached.loadedAt < KNOWN_TTL_MS) return cached.values;
  const values = yield* step((s) => s.knownValues(serviceId, new Date(knownValuesFrom(reference))));
  known.set(serviceId, { loadedAt: Date.now(), values });
  return values;
}

/** Where the known values of a fold at `reference` (ms) start: the hour holding the minute 7 days earlier. */
export function knownValuesFrom(reference: number): number {
  return floorToTier("hour", reference - KNOWN_LOOKBACK_MS);
}

/** Drops the cached known values (after a rebuild rewrote the service's rows). */
export function forgetKnownValues(serviceId: string): void {
  known.delete(serviceId);
}
