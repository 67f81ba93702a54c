import { createHash } from "node:crypto";
import type { TelemetryEvent } from "@/lib/domain/event.ts";
import { truncateUtf8 } from "@/lib/domain/event.ts";
import { decodeSketch, dict, encodeSketch, type RollupAggregate, type RollupKey, type RollupTier } from "@/lib/domain/rollup/index.ts";
import type { Provider } from "../database-url.ts";

// Rows of Event and Rollup as statement parameters and back, and the statement texts, shared by every writer
// (Prisma inside a transaction, the direct better-sqlite3 and pg hot paths) so they cannot drift. Counts and
// sums go in their columns, sketches as DDSketch protobuf bytes, the rest as JSON text (prisma/models.prisma).

/**
 * How a DateTime is written. Each writer must store exactly what Prisma stores and reads back:
 * - Prisma (`prisma`): a Date, which the adapter encodes itself;
 * - better-sqlite3: Prisma's SQLite text, ISO 8601 with "+00:00" (adapter-better-sqlite3's mapArg), which also
 *   keeps range comparisons on the text columns correct;
 * - pg: an ISO string. A `timestamp without time zone` ignores the "Z", so the UTC wall time is stored, as
 *   Prisma does; a Date parameter would go through node-pg's local-time formatting instead.
 */
export type DateEncoding = "prisma" | "sqlite-text" | "pg-text";

export function encodeDate(date: Date, encoding: DateEncoding): Date | string {
  if (encoding === "prisma") return date;
  const iso = date.toISOString();
  return encoding === "sqlite-text" ? `${iso.slice(0, -1)}+00:00` : iso;
}

/** encodeDate by epoch ms, remembered: the rows of a batch share a few buckets and one updatedAt. */
export function dateEncoder(encoding: DateEncoding): (ms: number) => Date | string {
  const memo = new Map<number, Date | string>();
  return (ms) => {
    let encoded = memo.get(ms);
    if (encoded === undefined) memo.set(ms, (encoded = encodeDate(new Date(ms), encoding)));
    return encoded;
  };
}

/** Bind parameter i (from 1) in the provider's dialect. */
export const placeholders = (provider: Provider) => (i: number) => (provider === "postgres" ? `$${i}` : "?");
export const quoted = (columns: readonly string[]) => columns.map((c) => `"${c}"`).join(", ");

function valuesList(rows: number, columns: number, provider: Provider): string {
  const p = placeholders(provider);
  return Array.from({ length: rows }, (_, r) => `(${Array.from({ length: columns }, (_, c) => p(r * columns + c + 1)).join(", ")})`).join(", ");
}

// --- Events ---------------------------------------------------------------------------------------------

export const EVENT_COLUMNS = [
  "serviceId", "eventId", "timestamp", "receivedAt", "model", "provider", "variant", "latencyMs", "ttftMs",
  "status", "errorType", "inputTokens", "outputTokens", "costUsd", "segments", "evals", "feedback", "outcomes",
  "retrieval", "attributes", "prompt", "response",
] as const;

export interface StoredEventOptions {
  storePrompts: boolean;
  receivedAt: Date;
}

/** The row of an event; `date` encodes its DateTimes (dateEncoder). */
export function eventValues(serviceId: string, e: TelemetryEvent, o: StoredEventOptions, date: (ms: number) => unknown): unknown[] {
  const retrieval = { precision: e.retrieval.precision, score: e.retrieval.score, document_ids: e.retrieval.documentIds };
  return [
    serviceId, e.eventId, date(e.timestamp.getTime()), date(o.receivedAt.getTime()), e.model ?? null, e.provider ?? null,
    e.variant ?? null, e.latencyMs ?? null, e.ttftMs ?? null, e.status, e.errorType ?? null, e.inputTokens ?? null,
    e.outputTokens ?? null, e.costUsd ?? null, json(e.segments), json(e.evals), json(e.feedback), json(e.outcomes),
    JSON.stringify(retrieval), json(e.attributes),
    o.storePrompts && e.prompt !== undefined ? truncateUtf8(e.prompt) : null,
    o.storePrompts && e.response !== undefined ? truncateUtf8(e.response) : null,
  ];
}

/** The primary key (serviceId, eventId) is the dedup key: a retried event inserts nothing and returns no row. */
export function insertEventsSql(rows: number, provider: Provider): string {
  return (
    `INSERT INTO "Event" (${quoted(EVENT_COLUMNS)}) VALUES ${valuesList(rows, EVENT_COLUMNS.length, provider)} ` +
    `ON CONFLICT ("serviceId", "eventId") DO NOTHING RETURNING "eventId"`
  );
}

// --- Rollups --------------------------------------------------------------------------------------------

export const ROLLUP_KEY_COLUMNS = ["serviceId", "tier", "bucketStart", "dimension", "value"] as const;
/** What a rollup read needs to rebuild the aggregate. */
export const ROLLUP_DATA_COLUMNS = [
  "count", "errors", "rejected", "latencySketch", "latencyCount", "latencySum", "latencyMin", "latencyMax", "ttftSketch",
  "ttftCount", "ttftSum", "costCount", "costSum", "tokensCount", "inputTokens", "outputTokens", "evals", "feedback",
  "outcomes", "retrieval", "embedding", "histograms", "missing",
] as const;
export const ROLLUP_COLUMNS = [...ROLLUP_KEY_COLUMNS, ...ROLLUP_DATA_COLUMNS, "updatedAt"] as const;
export const ROLLUP_DATA_SELECT = quoted(ROLLUP_DATA_COLUMNS);

/**
 * The data columns as any driver returns them: BigInt sums as bigint (Prisma), string (pg) or number
 * (better-sqlite3); sketches as Uint8Array or Buffer.
 */
export interface RollupDataRow {
  count: number; errors: number; rejected: number;
  latencySketch: Uint8Array | null; latencyCount: number; latencySum: number; latencyMin: number | null; latencyMax: number | null;
  ttftSketch: Uint8Array | null; ttftCount: number; ttftSum: number;
  costCount: number; costSum: number;
  tokensCount: number; inputTokens: number | bigint | string; outputTokens: number | bigint | string;
  evals: string; feedback: string; outcomes: string; retrieval: string; embedding: string; histograms: string; missing: string;
}

/** An aggregate with the tier and key of its row. */
export interface StoredRollup {
  tier: RollupTier;
  key: RollupKey;
  agg: RollupAggregate;
}

/** How an upsert treats an existing row: replace it whole, keep its `rejected`, or only add `rejected`. */
export type OnConflict = "replace" | "replace-but-rejected" | "add-rejected";

/** The DO UPDATE assignments of an upsert of whole rows (`excluded` is the row that was to be inserted). */
export function upsertSetClause(onConflict: OnConflict): string {
  const set =
    onConflict === "add-rejected"
      ? [`"rejected" = "Rollup"."rejected" + excluded."rejected"`, `"updatedAt" = excluded."updatedAt"`]
      : [...ROLLUP_DATA_COLUMNS, "updatedAt"].filter((c) => onConflict === "replace" || c !== "rejected").map((c) => `"${c}" = excluded."${c}"`);
  return `ON CONFLICT (${quoted(ROLLUP_KEY_COLUMNS)}) DO UPDATE SET ${set.join(", ")}`;
}

const upsertSql = new Map<string, string>();
/** Shapes kept: full chunks recur (rebuilds write 100,000s of rows), a batch's odd-sized last chunk rarely does. */
const UPSERT_SQL_CACHE = 32;

/** INSERT … VALUES (…), … ON CONFLICT … DO UPDATE of `rows` rows. */
export function upsertRollupsSql(rows: number, provider: Provider, onConflict: OnConflict): string {
  const shape = `${rows}:${provider}:${onConflict}`;
  let sql = upsertSql.get(shape);
  if (sql === undefined) {
    sql = `INSERT INTO "Rollup" (${quoted(ROLLUP_COLUMNS)}) VALUES ${valuesList(rows, ROLLUP_COLUMNS.length, provider)} ${upsertSetClause(onConflict)}`;
    if (upsertSql.size >= UPSERT_SQL_CACHE) upsertSql.clear();
    upsertSql.set(shape, sql);
  }
  return sql;
}

export const ROLLUP_PARAMS_PER_ROW = ROLLUP_COLUMNS.length;

/** The row of a rollup; `date` encodes its DateTimes (dateEncoder). */
export function rollupValues(serviceId: string, { tier, key, agg }: StoredRollup, updatedAt: Date, date: (ms: number) => unknown): unknown[] {
  return [
    serviceId, tier, date(key.bucketStart), key.dimension, key.value,
    agg.count, agg.errors, agg.rejected, agg.latencySketch ? encodeSketch(agg.latencySketch) : null, agg.latencyCount,
    agg.latencySum, agg.latencyMin, agg.latencyMax, agg.ttftSketch ? encodeSketch(agg.ttftSketch) : null, agg.ttftCount,
    agg.ttftSum, agg.costCount, agg.costSum, agg.tokensCount, agg.inputTokens, agg.outputTokens, json(agg.evals),
    json(agg.feedback), json(agg.outcomes), json(agg.retrieval), agg.embedding.count > 0 ? JSON.stringify(agg.embedding) : "{}",
    json(agg.histograms), json(agg.missing), date(updatedAt.getTime()),
  ];
}

const parse = <T>(text: string): Record<string, T> => (text === "{}" ? dict<T>() : dict(JSON.parse(text) as Record<string, T>));

export function rowToAggregate(row: RollupDataRow): RollupAggregate {
  const histograms = parse<Record<string, number>>(row.histograms);
  for (const name in histograms) histograms[name] = dict(histograms[name]);
  const embedding = JSON.parse(row.embedding) as { sum?: number[]; count?: number };
  return {
    count: row.count, errors: row.errors, rejected: row.rejected,
    latencySketch: row.latencySketch ? decodeSketch(row.latencySketch) : null,
    latencyCount: row.latencyCount, latencySum: row.latencySum, latencyMin: row.latencyMin, latencyMax: row.latencyMax,
    ttftSketch: row.ttftSketch ? decodeSketch(row.ttftSketch) : null,
    ttftCount: row.ttftCount, ttftSum: row.ttftSum,
    costCount: row.costCount, costSum: row.costSum,
    tokensCount: row.tokensCount, inputTokens: Number(row.inputTokens), outputTokens: Number(row.outputTokens),
    evals: parse(row.evals), feedback: parse(row.feedback), outcomes: parse(row.outcomes), retrieval: parse(row.retrieval),
    embedding: { sum: embedding.sum ?? [], count: embedding.count ?? 0 },
    histograms, missing: parse(row.missing),
  };
}

/**
 * Distinct segment values of a service's hour rows from $2 on (before $3, when `bounded`). Hour rows are enough:
 * every minute row is written through to its hour row, and there are sixty times fewer of them to scan.
 */
export function knownValuesSql(provider: Provider, bounded: boolean): string {
  const p = placeholders(provider);
  return (
    `SELECT DISTINCT "dimension", "value" FROM "Rollup" WHERE "serviceId" = ${p(1)} AND "tier" = 'hour' ` +
    `AND "bucketStart" >= ${p(2)} ${bounded ? `AND "bucketStart" < ${p(3)} ` : ""}AND "dimension" <> '*'`
  );
}

/** Rows of knownValuesSql as dimension → values. */
export function valuesByDimension(rows: Iterable<{ dimension: string; value: string }>): Map<string, Set<string>> {
  const values = new Map<string, Set<string>>();
  for (const { dimension, value } of rows) {
    let set = values.get(dimension);
    if (!set) values.set(dimension, (set = new Set()));
    set.add(value);
  }
  return values;
}

/** A per-service namespace for PostgreSQL advisory locks (the audit log uses the one-key form). */
const ROLLUP_LOCK_SPACE = 7261002;

/** The advisory lock of a service's rollups: every writer (ingest, compaction, rebuild) takes the same one. */
export function rollupLockKey(serviceId: string): [space: number, key: number] {
  return [ROLLUP_LOCK_SPACE, createHash("sha256").update(serviceId).digest().readInt32BE(0)];
}

/** JSON text of a record; most are empty, and "{}" needs no serialiser. */
function json(record: object): string {
  for (const _ in record) return JSON.stringify(record);
  return "{}";
}
