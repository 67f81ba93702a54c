import type { TelemetryEvent } from "@/lib/domain/event.ts";
import {
  ALL_TRAFFIC, CardinalityGuard, DEFAULT_RETENTION, emptyAggregate, floorToTier, foldEventsByTier, ingestTiers, mergeAggregateInto,
  TIERS, type RetentionConfig, type RollupAggregate,
} from "@/lib/domain/rollup/index.ts";
import type { OnConflict, StoredEventOptions, StoredRollup } from "./codec.ts";

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
 * The ingest transaction, service by service in id order: store the service's events, take its lock, fold the
 * new ones, count its rejected. Every writer takes a service's resources in that order — event rows (in id
 * order), then the service's lock, then its rollup rows (minute rows before hour rows before day rows, in the
 * TIERS order foldScript writes them in) — and services in id order, so two transactions never wait for each
 * other in a cycle on PostgreSQL. (A rejected count written after all folds could: it row-locks the all-traffic
 * rows of the minute and hour of a service that another transaction, holding that service's lock, is about to
 * fold into, while waiting for a lock this one holds.) New events per entry of `write.services`.
 */
export function* ingestScript(write: IngestWrite): Script<TelemetryEvent[][]> {
  const fresh = new Map<string, TelemetryEvent[]>();
  const byId = new Map(write.services.map((s) => [s.serviceId, s]));
  const serviceIds = [...new Set([...byId.keys(), ...write.rejected.keys()])].sort();
  for (const serviceId of serviceIds) {
    const group = byId.get(serviceId);
    const stored = group ? yield* insertScript(serviceId, group.events, { storePrompts: group.storePrompts, receivedAt: write.now }) : [];
    const rejected = write.rejected.get(serviceId) ?? 0;
    if (stored.length === 0 && rejected <= 0) continue;
    yield* step((s) => s.lockService(serviceId));
    yield* foldScript(serviceId, stored, write.now, { locked: true });
    yield* countRejectedScript(serviceId, write.now, rejected);
    fresh.set(serviceId, stored);
  }
  return write.services.map((s) => fresh.get(s.serviceId) ?? []);
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
 * Only events the insert reported as new may be passed: that is what makes folding exactly-once.
 */
export function* foldScript(serviceId: string, events: readonly TelemetryEvent[], now: Date, options: FoldScriptOptions = {}): Script<void> {
  if (events.length === 0) return;
  if (!options.locked) yield* step((s) => s.lockService(serviceId));
  const latest = events.reduce((max, e) => Math.max(max, e.timestamp.getTime()), -Infinity);
  const guard = new CardinalityGuard(yield* knownValues(serviceId, latest));
  const retention = options.retention ?? DEFAULT_RETENTION;
  const byTier = foldEventsByTier(events, guard, (ms) => ingestTiers(ms, now.getTime(), retention));
  const rows: StoredRollup[] = [];
  for (const tier of TIERS) for (const { key, agg } of byTier[tier].values()) rows.push({ tier, key, agg });
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
