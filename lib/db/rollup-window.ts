import { ALL_TRAFFIC, planWindow, TIER_MS, type RetentionConfig, type RollupTier, type WindowPart } from "@/lib/domain/rollup/index.ts";
import type { Db, Tx } from "./client.ts";
import { currentProvider } from "./client.ts";
import { ROLLUP_DATA_SELECT, rowToAggregate, type RollupDataRow, type StoredRollup } from "./hot-path/codec.ts";

// The scoring engine's read of a window: the rows planWindow picks across the tiers (lib/domain/rollup/window.ts),
// selected by an OR of one (tier, bucket range) per part, each served by the (serviceId, tier, dimension,
// bucketStart) index. Rows are decoded by the codec every writer uses, and rows stay decoded in
// this process until they change (DecodedRows).

export interface WindowQuery {
  /** Rows whose bucket starts in [from, to). */
  from: Date;
  to: Date;
  /** When the tiers were cut: the current time, not the window's end (planWindow). */
  now: Date;
  /** One dimension's rows (every value of it); all traffic ("*") by default. */
  dimension?: string;
  retention?: RetentionConfig;
}

/** A service's rows of one dimension for a window, each event counted once (planWindow), by bucket then tier. */
export async function readWindowRows(db: Db | Tx, serviceId: string, window: WindowQuery): Promise<StoredRollup[]> {
  return (await readWindowRowsForServices(db, [serviceId], window)).get(serviceId)!;
}

/**
 * readWindowRows for several services (the portfolio); every id asked for gets an entry. Rows are
 * kept decoded between reads (see DecodedRows): a first statement reads only each row's key and stamp, and only
 * rows not held (or changed since) are read whole and decoded — decoding is two-thirds of a cold read.
 */
export async function readWindowRowsForServices(db: Db | Tx, serviceIds: readonly string[], window: WindowQuery): Promise<Map<string, StoredRollup[]>> {
  const parts = planWindow(window.from.getTime(), window.to.getTime(), window.now.getTime(), window.retention);
  return readPartsForServices(db, serviceIds, parts, window.dimension ?? ALL_TRAFFIC);
}

/**
 * The rows of these tier ranges (WindowPart: bucket starts in [from, to) of one tier) for one dimension, through
 * the held decoded rows — what a window read does once it has its plan, and what a timeseries reads for the union
 * of its points' plans.
 */
export async function readPartsForServices(
  db: Db | Tx, serviceIds: readonly string[], parts: readonly WindowPart[], dimension: string,
): Promise<Map<string, StoredRollup[]>> {
  const found = new Map<string, StoredRollup[]>(serviceIds.map((id) => [id, []]));
  if (parts.length === 0 || serviceIds.length === 0) return found;

  const where = (p: (value: unknown) => string) => {
    // Placeholders in the order they appear: SQLite's "?" are positional.
    const services = [...new Set(serviceIds)].map(p).join(", ");
    const dimensionParam = p(dimension);
    // Tiers are literals: a closed set, and each OR term then matches the index prefix exactly.
    const ranges = parts.map((part) => `("tier" = '${part.tier}' AND "bucketStart" >= ${p(new Date(part.from))} AND "bucketStart" < ${p(new Date(part.to))})`);
    return `"serviceId" IN (${services}) AND "dimension" = ${dimensionParam} AND (${ranges.join(" OR ")})`;
  };
  const heads = await query<Head>(db, (p) => `SELECT ${HEAD_SELECT} FROM "Rollup" WHERE ${where(p)} ORDER BY "serviceId", "bucketStart", "tier", "value"`);

  const rows: (StoredRollup | null)[] = heads.map((head) => decoded.get(head));
  const missing = heads.filter((_, i) => rows[i] === null);
  if (missing.length > 0) {
    // Mostly cold (first read of a window): the same statement, whole rows. Else only the rows missing.
    const whole = missing.length * 2 > heads.length
      ? await query<Row>(db, (p) => `SELECT ${HEAD_SELECT}, ${ROLLUP_DATA_SELECT} FROM "Rollup" WHERE ${where(p)}`)
      : await readRows(db, missing, dimension);
    const byId = new Map(whole.map((row) => [rowId(row), decoded.put(row)]));
    heads.forEach((head, i) => (rows[i] ??= byId.get(rowId(head)) ?? null));
  }
  heads.forEach((head, i) => {
    const row = rows[i];
    if (row) found.get(head.serviceId)!.push(row); // null: deleted between the two statements (compaction)
  });
  return found;
}

type Row = RollupDataRow & Head;
interface Head {
  serviceId: string;
  tier: string;
  bucketStart: Date;
  dimension: string;
  value: string;
  updatedAt: Date;
  count: number;
  rejected: number;
}
const HEAD_SELECT = `"serviceId", "tier", "bucketStart", "dimension", "value", "updatedAt", "count", "rejected"`;

async function query<T>(db: Db | Tx, sql: (p: (value: unknown) => string) => string): Promise<T[]> {
  const postgres = currentProvider() === "postgres";
  const params: unknown[] = [];
  const text = sql((value) => {
    params.push(value);
    return postgres ? `$${params.length}` : "?";
  });
  return db.$queryRawUnsafe<T[]>(text, ...params);
}

/**
 * Whole rows for these heads (one dimension). Buckets are matched by ranges, one per run of adjacent buckets of
 * a service and tier (a window's missing rows are mostly its two edges), never by equality: the two SQLite
 * writers spell a stored instant differently, and ranges compare them correctly.
 */
async function readRows(db: Db | Tx, heads: readonly Head[], dimension: string): Promise<Row[]> {
  const wanted = new Set(heads.map(rowId));
  const runs: { serviceId: string; tier: string; from: number; to: number }[] = [];
  const sorted = [...heads].sort((a, b) =>
    a.serviceId < b.serviceId ? -1 : a.serviceId > b.serviceId ? 1 : a.tier < b.tier ? -1 : a.tier > b.tier ? 1 : time(a) - time(b),
  );
  for (const head of sorted) {
    const last = runs.at(-1);
    const step = TIER_MS[head.tier as RollupTier];
    if (last && last.serviceId === head.serviceId && last.tier === head.tier && time(head) <= last.to) last.to = Math.max(last.to, time(head) + step);
    else runs.push({ serviceId: head.serviceId, tier: head.tier, from: time(head), to: time(head) + step });
  }
  const out: Row[] = [];
  for (let i = 0; i < runs.length; i += 200) {
    const chunk = runs.slice(i, i + 200);
    const rows = await query<Row>(db, (p) =>
      `SELECT ${HEAD_SELECT}, ${ROLLUP_DATA_SELECT} FROM "Rollup" WHERE "dimension" = ${p(dimension)} AND (` +
      chunk.map((r) => `("serviceId" = ${p(r.serviceId)} AND "tier" = ${p(r.tier)} AND "bucketStart" >= ${p(new Date(r.from))} AND "bucketStart" < ${p(new Date(r.to))})`).join(" OR ") +
      ")",
    );
    out.push(...rows.filter((row) => wanted.has(rowId(row))));
  }
  return out;
}

const time = (head: Pick<Head, "bucketStart">) => new Date(head.bucketStart).getTime();

function rowId(head: Pick<Head, "serviceId" | "tier" | "bucketStart" | "dimension" | "value">): string {
  return `${head.serviceId}\u0000${head.tier}\u0000${new Date(head.bucketStart).getTime()}\u0000${head.dimension}\u0000${head.value}`;
}

/**
 * Decoded rows, least recently used first out. A row is held with its stamp — updatedAt, count and
 * rejected — and every writer sets updatedAt (hot-path/codec.ts), so a row changed since is read again. (Two
 * writes of one row in the same millisecond that leave count and rejected alike could hide the second one until
 * the row is next written: feedback, then another feedback, within 1 ms.) Minute rows are held too: a window's
 * edges are up to 120 of them, and all but the current minute's stop changing. Held aggregates are shared:
 * callers merge them into their own and never change them.
 */
class DecodedRows {
  private readonly rows = new Map<string, { stamp: string; rollup: StoredRollup }>();
  constructor(private readonly capacity: number) {}

  get(head: Head): StoredRollup | null {
    const id = rowId(head);
    const held = this.rows.get(id);
    if (!held || held.stamp !== stampOf(head)) return null;
    this.rows.delete(id); // most recently used last
    this.rows.set(id, held);
    return held.rollup;
  }

  put(row: Row): StoredRollup {
    const rollup: StoredRollup = {
      tier: row.tier as RollupTier,
      key: { bucketStart: new Date(row.bucketStart).getTime(), dimension: row.dimension, value: row.value },
      agg: rowToAggregate(row),
    };
    const id = rowId(row);
    this.rows.delete(id);
    this.rows.set(id, { stamp: stampOf(row), rollup });
    if (this.rows.size > this.capacity) this.rows.delete(this.rows.keys().next().value!);
    return rollup;
  }

  clear(): void {
    this.rows.clear();
  }
}

const stampOf = (head: Head) => `${new Date(head.updatedAt).getTime()}:${Number(head.count)}:${Number(head.rejected)}`;

/** ~30 days of hourly rows (plus window edges) for 25 service × segment-value pairs; a few KB each. */
const decoded = new DecodedRows(20_000);

/** Forgets every held row: for benchmarks that measure a cold read. */
export function forgetDecodedRows(): void {
  decoded.clear();
}
