import type pg from "pg";
import type { TelemetryEvent } from "@/lib/domain/event.ts";
import type { RollupAggregate } from "@/lib/domain/rollup/index.ts";
import {
  dateEncoder, encodeDate, EVENT_COLUMNS, eventValues, knownValuesSql, quoted, rollupLockKey, ROLLUP_COLUMNS, ROLLUP_DATA_COLUMNS,
  rollupValues, rowToAggregate, upsertSetClause, valuesByDimension, type OnConflict, type RollupDataRow, type StoredEventOptions,
  type StoredRollup,
} from "./codec.ts";
import { claimPendingSql, eventsToFold, foldEventColumns, toClaimed, type ClaimedFold, type PendingRow, type RawFoldEventRow } from "./pending.ts";
import type { RollupStore } from "./script.ts";

// The ingest steps on one pg client inside BEGIN … COMMIT (connection.ts). Every round trip counts, so each step
// is one statement whatever the batch size: rows travel as one array per column and `unnest` turns them back
// into rows. The statement text is fixed — no parameter limit, nothing to build or parse per batch size — where
// a multi-row VALUES list needs a statement per row count and ≈ 13,000 bind parameters for 450 rollup rows.

const EVENT_TYPES: Record<(typeof EVENT_COLUMNS)[number], string> = {
  serviceId: "text", eventId: "text", timestamp: "timestamp(3)", receivedAt: "timestamp(3)", model: "text", provider: "text",
  variant: "text", latencyMs: "float8", ttftMs: "float8", status: "text", errorType: "text", inputTokens: "int4",
  outputTokens: "int4", costUsd: "float8", segments: "text", evals: "text", feedback: "text", outcomes: "text", retrieval: "text",
  attributes: "text", prompt: "text", response: "text",
};

const ROLLUP_TYPES: Record<(typeof ROLLUP_COLUMNS)[number], string> = {
  serviceId: "text", tier: "text", bucketStart: "timestamp(3)", dimension: "text", value: "text", count: "int4", errors: "int4",
  rejected: "int4", latencySketch: "bytea", latencyCount: "int4", latencySum: "float8", latencyMin: "float8", latencyMax: "float8",
  ttftSketch: "bytea", ttftCount: "int4", ttftSum: "float8", costCount: "int4", costSum: "float8", tokensCount: "int4",
  inputTokens: "int8", outputTokens: "int8", evals: "text", feedback: "text", outcomes: "text", retrieval: "text", embedding: "text",
  histograms: "text", missing: "text", updatedAt: "timestamp(3)",
};

const unnest = (columns: readonly string[], types: Record<string, string>) => `unnest(${columns.map((c, i) => `$${i + 1}::${types[c]}[]`).join(", ")})`;

const INSERT_EVENTS_SQL =
  `INSERT INTO "Event" (${quoted(EVENT_COLUMNS)}) SELECT * FROM ${unnest(EVENT_COLUMNS, EVENT_TYPES)} ` +
  `ON CONFLICT ("serviceId", "eventId") DO NOTHING RETURNING "eventId"`;

const UPSERT_ROLLUPS_SQL = Object.fromEntries(
  (["replace", "replace-but-rejected", "add-rejected"] as const).map((c) => [
    c,
    `INSERT INTO "Rollup" (${quoted(ROLLUP_COLUMNS)}) SELECT * FROM ${unnest(ROLLUP_COLUMNS, ROLLUP_TYPES)} ${upsertSetClause(c)}`,
  ]),
) as Record<OnConflict, string>;

/**
 * The touched rows by key, numbered in the order asked, so no timestamp needs parsing on the way back. One
 * index lookup per key: as a plain join (and as a LATERAL subquery, which the planner flattens into one) the
 * planner often chose a hash join over all of the service's rows of the tier — a read that grew with the
 * table. LIMIT 1 (a key has one row) keeps the subquery from being flattened.
 */
const READ_ROLLUPS_SQL =
  `SELECT k.i, r.* FROM unnest($2::text[], $3::timestamp(3)[], $4::text[], $5::text[]) WITH ORDINALITY AS k(tier, bucket, dimension, value, i) ` +
  `CROSS JOIN LATERAL (SELECT ${quoted(ROLLUP_DATA_COLUMNS)} FROM "Rollup" WHERE "serviceId" = $1 AND "tier" = k.tier ` +
  `AND "bucketStart" = k.bucket AND "dimension" = k.dimension AND "value" = k.value LIMIT 1) r`;

/** In the order given: seq numbers follow the queue order (ingest order). */
const INSERT_PENDING_SQL =
  `INSERT INTO "PendingFold" ("serviceId", "eventId", "embedding", "responseLength") ` +
  `SELECT $1, u.e, u.m, u.r FROM unnest($2::text[], $3::text[], $4::int4[]) WITH ORDINALITY AS u(e, m, r, i) ORDER BY u.i`;
const CLAIM_PENDING_SQL = claimPendingSql("postgres");
const FOLD_EVENTS_SQL = `SELECT ${foldEventColumns("postgres")} FROM "Event" WHERE "serviceId" = $1 AND "eventId" = ANY($2::text[])`;

/**
 * The statements ingest and the aggregator run all the time, as named prepared statements: parsed and planned
 * once per connection instead of on every call (bench:ingest on PostgreSQL: +20 % events/s). Their plans cannot
 * vary: inserts and upserts of unnested arrays. The reads stay unnamed: READ_ROLLUPS_SQL needs a plan made for
 * its actual keys (see above).
 */
const NAMED = {
  insertEvents: { name: "vitals-insert-events", text: INSERT_EVENTS_SQL },
  insertPending: { name: "vitals-insert-pending", text: INSERT_PENDING_SQL },
  upsertRollups: Object.fromEntries(Object.entries(UPSERT_ROLLUPS_SQL).map(([conflict, text]) => [conflict, { name: `vitals-upsert-rollups-${conflict}`, text }])) as Record<
    OnConflict,
    { name: string; text: string }
  >,
};

/** Rows (one array of values each) as one array per column. */
function byColumn(rows: readonly unknown[][], columns: number): unknown[][] {
  const out = Array.from({ length: columns }, () => new Array<unknown>(rows.length));
  rows.forEach((row, r) => row.forEach((value, c) => (out[c]![r] = value)));
  return out;
}

export class PgStore implements RollupStore {
  constructor(private readonly client: pg.PoolClient) {}

  async insertEvents(serviceId: string, events: readonly TelemetryEvent[], options: StoredEventOptions): Promise<Set<string>> {
    const date = dateEncoder("pg-text");
    const rows = events.map((e) => eventValues(serviceId, e, options, date));
    const result = await this.client.query<{ eventId: string }>({ ...NAMED.insertEvents, values: byColumn(rows, EVENT_COLUMNS.length) });
    return new Set(result.rows.map((row) => row.eventId));
  }

  /**
   * A transaction-scoped advisory lock on the service: replicas ingesting the same service queue here, other
   * services do not wait. Compaction and rebuild take the same lock (lockServiceRollups).
   */
  async lockService(serviceId: string): Promise<void> {
    await this.client.query("SELECT pg_advisory_xact_lock($1::int4, $2::int4)", rollupLockKey(serviceId));
  }

  async tryLockService(serviceId: string): Promise<boolean> {
    const { rows } = await this.client.query<{ locked: boolean }>("SELECT pg_try_advisory_xact_lock($1::int4, $2::int4) AS locked", rollupLockKey(serviceId));
    return rows[0]!.locked;
  }

  async insertPending(serviceId: string, rows: readonly PendingRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.client.query({ ...NAMED.insertPending, values: [serviceId, rows.map((r) => r.eventId), rows.map((r) => r.embedding), rows.map((r) => r.responseLength)] });
  }

  async claimPending(limit: number): Promise<ClaimedFold[]> {
    const { rows } = await this.client.query<Parameters<typeof toClaimed>[0]>(CLAIM_PENDING_SQL, [limit]);
    return rows.map(toClaimed);
  }

  async loadQueuedEvents(serviceId: string, claimed: readonly ClaimedFold[]): Promise<TelemetryEvent[]> {
    const { rows } = await this.client.query<RawFoldEventRow>(FOLD_EVENTS_SQL, [serviceId, claimed.map((c) => c.eventId)]);
    return eventsToFold(claimed, rows);
  }

  async deletePending(seqs: readonly number[]): Promise<number> {
    if (seqs.length === 0) return 0;
    return (await this.client.query(`DELETE FROM "PendingFold" WHERE "seq" = ANY($1::int4[])`, [seqs])).rowCount ?? 0;
  }

  async knownValues(serviceId: string, from: Date): Promise<Map<string, Set<string>>> {
    const { rows } = await this.client.query<{ dimension: string; value: string }>(knownValuesSql("postgres", false), [serviceId, encodeDate(from, "pg-text")]);
    return valuesByDimension(rows);
  }

  async readRollups(serviceId: string, keys: readonly StoredRollup[]): Promise<(RollupAggregate | null)[]> {
    const found: (RollupAggregate | null)[] = keys.map(() => null);
    if (keys.length === 0) return found;
    const date = dateEncoder("pg-text");
    const { rows } = await this.client.query<RollupDataRow & { i: string }>(READ_ROLLUPS_SQL, [
      serviceId,
      keys.map((k) => k.tier),
      keys.map((k) => date(k.key.bucketStart)),
      keys.map((k) => k.key.dimension),
      keys.map((k) => k.key.value),
    ]);
    // ORDINALITY counts from 1 (a bigint, which pg returns as text).
    for (const row of rows) found[Number(row.i) - 1] = rowToAggregate(row);
    return found;
  }

  async writeRollups(serviceId: string, rows: readonly StoredRollup[], onConflict: OnConflict, updatedAt: Date): Promise<void> {
    if (rows.length === 0) return;
    const date = dateEncoder("pg-text");
    const values = rows.map((row) => rollupValues(serviceId, row, updatedAt, date));
    await this.client.query({ ...NAMED.upsertRollups[onConflict], values: byColumn(values, ROLLUP_COLUMNS.length) });
  }
}
