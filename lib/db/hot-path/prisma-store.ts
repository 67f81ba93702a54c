import type { TelemetryEvent } from "@/lib/domain/event.ts";
import { rollupKeyId, TIERS, type RollupAggregate, type RollupEntry, type RollupKey, type RollupTier } from "@/lib/domain/rollup/index.ts";
import type { Db, Tx } from "../client.ts";
import { currentProvider } from "../client.ts";
import {
  dateEncoder, eventValues, insertEventsSql, knownValuesSql, rollupLockKey, ROLLUP_DATA_SELECT, ROLLUP_PARAMS_PER_ROW, rollupValues,
  rowToAggregate, upsertRollupsSql, valuesByDimension, type OnConflict, type RollupDataRow, type StoredEventOptions, type StoredRollup,
} from "./codec.ts";
import { claimPendingSql, eventsToFold, foldEventColumns, PENDING_COLUMNS, pendingValues, toClaimed, type ClaimedFold, type PendingRow, type RawFoldEventRow } from "./pending.ts";
import type { RollupStore } from "./script.ts";

// The same statements through Prisma, for work inside a Prisma transaction that spans several awaits: compaction,
// rebuild and feedback (the functions below), and the Prisma forms of the ingest steps (insertEvents,
// foldIntoRollups, countRejected). Multi-row raw SQL, never createMany (NOTES.md: ≈ 10× slower). The ingest use
// case itself runs on the direct drivers (connection.ts).

/** Rows per statement, far below SQLite's 32,766 and PostgreSQL's 65,535 parameters. */
const EVENT_ROWS = 500;
const ROLLUP_ROWS = Math.min(200, Math.floor(32_766 / ROLLUP_PARAMS_PER_ROW));
const KEYS_PER_READ = 500;

export class PrismaStore implements RollupStore {
  constructor(private readonly db: Db | Tx) {}

  async insertEvents(serviceId: string, events: readonly TelemetryEvent[], options: StoredEventOptions): Promise<Set<string>> {
    const provider = currentProvider();
    const inserted = new Set<string>();
    const date = dateEncoder("prisma");
    for (let start = 0; start < events.length; start += EVENT_ROWS) {
      const chunk = events.slice(start, start + EVENT_ROWS);
      const params = chunk.flatMap((e) => eventValues(serviceId, e, options, date));
      const rows = await this.db.$queryRawUnsafe<{ eventId: string }[]>(insertEventsSql(chunk.length, provider), ...params);
      for (const row of rows) inserted.add(row.eventId);
    }
    return inserted;
  }

  /** Only scripts that fold take the lock, and those run inside a transaction (foldIntoRollups takes a Tx). */
  lockService(serviceId: string): Promise<void> {
    return lockServiceRollups(this.db as Tx, serviceId);
  }

  knownValues(serviceId: string, from: Date): Promise<Map<string, Set<string>>> {
    return loadKnownValues(this.db, serviceId, from);
  }

  async tryLockService(serviceId: string): Promise<boolean> {
    if (currentProvider() !== "postgres") {
      await lockServiceRollups(this.db as Tx, serviceId);
      return true;
    }
    const [row] = await this.db.$queryRawUnsafe<{ locked: boolean }[]>("SELECT pg_try_advisory_xact_lock($1::int4, $2::int4) AS locked", ...rollupLockKey(serviceId));
    return row?.locked === true;
  }

  async insertPending(serviceId: string, rows: readonly PendingRow[]): Promise<void> {
    const p = currentProvider() === "postgres" ? (i: number) => `$${i}` : () => "?";
    const width = PENDING_COLUMNS.length;
    for (let start = 0; start < rows.length; start += EVENT_ROWS) {
      const chunk = rows.slice(start, start + EVENT_ROWS);
      const values = chunk.map((_, r) => `(${PENDING_COLUMNS.map((_c, c) => p(r * width + c + 1)).join(", ")})`).join(", ");
      const sql = `INSERT INTO "PendingFold" (${PENDING_COLUMNS.map((c) => `"${c}"`).join(", ")}) VALUES ${values}`;
      await this.db.$executeRawUnsafe(sql, ...chunk.flatMap((row) => pendingValues(serviceId, row)));
    }
  }

  async claimPending(limit: number): Promise<ClaimedFold[]> {
    const rows = await this.db.$queryRawUnsafe<Parameters<typeof toClaimed>[0][]>(claimPendingSql(currentProvider()), limit);
    return rows.map(toClaimed);
  }

  async loadQueuedEvents(serviceId: string, claimed: readonly ClaimedFold[]): Promise<TelemetryEvent[]> {
    const provider = currentProvider();
    const rows: RawFoldEventRow[] = [];
    for (let start = 0; start < claimed.length; start += KEYS_PER_READ) {
      const ids = claimed.slice(start, start + KEYS_PER_READ).map((c) => c.eventId);
      const list = ids.map((_, i) => (provider === "postgres" ? `$${i + 2}` : "?")).join(", ");
      const where = `"serviceId" = ${provider === "postgres" ? "$1" : "?"} AND "eventId" IN (${list})`;
      rows.push(...(await this.db.$queryRawUnsafe<RawFoldEventRow[]>(`SELECT ${foldEventColumns(provider)} FROM "Event" WHERE ${where}`, serviceId, ...ids)));
    }
    return eventsToFold(claimed, rows);
  }

  async deletePending(seqs: readonly number[]): Promise<number> {
    let deleted = 0;
    for (let start = 0; start < seqs.length; start += KEYS_PER_READ) {
      const chunk = seqs.slice(start, start + KEYS_PER_READ);
      const list = chunk.map((_, i) => (currentProvider() === "postgres" ? `$${i + 1}` : "?")).join(", ");
      deleted += await this.db.$executeRawUnsafe(`DELETE FROM "PendingFold" WHERE "seq" IN (${list})`, ...chunk);
    }
    return deleted;
  }

  async readRollups(serviceId: string, keys: readonly StoredRollup[]): Promise<(RollupAggregate | null)[]> {
    const found = new Map<string, RollupAggregate>();
    for (const tier of TIERS) {
      const ofTier = keys.filter((k) => k.tier === tier).map((k) => k.key);
      if (ofTier.length === 0) continue;
      for (const [id, row] of await readRollupsByKey(this.db, serviceId, tier, ofTier)) found.set(`${tier}\u0000${id}`, row.agg);
    }
    return keys.map((k) => found.get(`${k.tier}\u0000${rollupKeyId(k.key)}`) ?? null);
  }

  async writeRollups(serviceId: string, rows: readonly StoredRollup[], onConflict: OnConflict, updatedAt: Date): Promise<void> {
    const provider = currentProvider();
    const date = dateEncoder("prisma");
    for (let start = 0; start < rows.length; start += ROLLUP_ROWS) {
      const chunk = rows.slice(start, start + ROLLUP_ROWS);
      const params = chunk.flatMap((row) => rollupValues(serviceId, row, updatedAt, date));
      await this.db.$executeRawUnsafe(upsertRollupsSql(chunk.length, provider, onConflict), ...params);
    }
  }
}

/**
 * Serialises writers of one service's rollups until the transaction ends. PostgreSQL: the service's advisory
 * lock (rollupLockKey), the one the pg hot path takes. SQLite: a no-op write, which takes the database's write
 * lock now rather than at the first real write (a deferred transaction that reads first would hit SQLITE_BUSY
 * if another connection wrote in between). Take it before reading anything the transaction will write back.
 */
export async function lockServiceRollups(tx: Tx, serviceId: string): Promise<void> {
  if (currentProvider() === "postgres") {
    await tx.$executeRawUnsafe("SELECT pg_advisory_xact_lock($1::int4, $2::int4)", ...rollupLockKey(serviceId));
  } else {
    await tx.$executeRawUnsafe(`UPDATE "Rollup" SET "count" = "count" WHERE 0 = 1`);
  }
}

/** Rows of `keys` in one tier, by rollupKeyId. */
export async function readRollupsByKey(db: Db | Tx, serviceId: string, tier: RollupTier, keys: readonly RollupKey[]): Promise<Map<string, StoredRollup>> {
  const found = new Map<string, StoredRollup>();
  const postgres = currentProvider() === "postgres";
  const distinct = <T>(xs: T[]) => [...new Set(xs)];
  // IN lists on each key column and an exact filter here: an OR of (bucketStart, dimension, value) triples
  // compiles slowly.
  for (let start = 0; start < keys.length; start += KEYS_PER_READ) {
    const chunk = keys.slice(start, start + KEYS_PER_READ);
    const wanted = new Set(chunk.map(rollupKeyId));
    const params: unknown[] = [serviceId, tier];
    const p = (i: number) => (postgres ? `$${i}` : "?");
    const list = (values: unknown[]) => values.map((v) => p(params.push(v))).join(", ");
    const sql =
      `SELECT "bucketStart", "dimension", "value", ${ROLLUP_DATA_SELECT} FROM "Rollup" WHERE "serviceId" = ${p(1)} AND "tier" = ${p(2)} ` +
      `AND "bucketStart" IN (${list(distinct(chunk.map((k) => k.bucketStart)).map((b) => new Date(b)))}) ` +
      `AND "dimension" IN (${list(distinct(chunk.map((k) => k.dimension)))}) AND "value" IN (${list(distinct(chunk.map((k) => k.value)))})`;
    type Row = RollupDataRow & { bucketStart: Date; dimension: string; value: string };
    for (const row of await db.$queryRawUnsafe<Row[]>(sql, ...params)) {
      const key = { bucketStart: row.bucketStart.getTime(), dimension: row.dimension, value: row.value };
      const id = rollupKeyId(key);
      if (wanted.has(id)) found.set(id, { tier, key, agg: rowToAggregate(row) });
    }
  }
  return found;
}

export interface WriteOptions {
  /** false: an existing row keeps its `rejected` (live folding never changes it; countRejected does, unlocked). */
  overwriteRejected: boolean;
}

/** Writes rows of one tier whole: inserts new ones and replaces existing ones. */
export async function writeRollups(tx: Tx, serviceId: string, tier: RollupTier, entries: Iterable<RollupEntry>, options: WriteOptions): Promise<void> {
  const rows = [...entries].map(({ key, agg }) => ({ tier, key, agg }));
  await new PrismaStore(tx).writeRollups(serviceId, rows, options.overwriteRejected ? "replace" : "replace-but-rejected", new Date());
}

/** Distinct segment values of a service's rows from `from` on (before `to`, if given): knownValuesSql. */
export async function loadKnownValues(db: Db | Tx, serviceId: string, from: Date, to?: Date): Promise<Map<string, Set<string>>> {
  const rows = await db.$queryRawUnsafe<{ dimension: string; value: string }[]>(
    knownValuesSql(currentProvider(), to !== undefined),
    ...(to ? [serviceId, from, to] : [serviceId, from]),
  );
  return valuesByDimension(rows);
}

