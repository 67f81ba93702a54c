import { ALL_TRAFFIC, planWindow, type RetentionConfig, type RollupTier } from "@/lib/domain/rollup/index.ts";
import type { Db, Tx } from "./client.ts";
import { currentProvider } from "./client.ts";
import { ROLLUP_DATA_SELECT, rowToAggregate, type RollupDataRow, type StoredRollup } from "./hot-path/codec.ts";

// The scoring engine's read of a window: the rows planWindow picks across the tiers (lib/domain/rollup/window.ts),
// in one statement — an OR of one (tier, bucket range) per part, each served by the
// (serviceId, tier, dimension, bucketStart) index. Rows are decoded by the codec every writer uses.

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

/** readWindowRows for several services in one statement (the portfolio); every id asked for gets an entry. */
export async function readWindowRowsForServices(db: Db | Tx, serviceIds: readonly string[], window: WindowQuery): Promise<Map<string, StoredRollup[]>> {
  const found = new Map<string, StoredRollup[]>(serviceIds.map((id) => [id, []]));
  const parts = planWindow(window.from.getTime(), window.to.getTime(), window.now.getTime(), window.retention);
  if (parts.length === 0 || serviceIds.length === 0) return found;

  const postgres = currentProvider() === "postgres";
  const params: unknown[] = [];
  const p = (value: unknown) => {
    params.push(value);
    return postgres ? `$${params.length}` : "?";
  };
  const services = [...new Set(serviceIds)].map(p).join(", ");
  const dimension = p(window.dimension ?? ALL_TRAFFIC);
  // Tiers are literals: a closed set, and each OR term then matches the index prefix exactly.
  const ranges = parts.map((part) => `("tier" = '${part.tier}' AND "bucketStart" >= ${p(new Date(part.from))} AND "bucketStart" < ${p(new Date(part.to))})`);
  const sql =
    `SELECT "serviceId", "tier", "bucketStart", "dimension", "value", ${ROLLUP_DATA_SELECT} FROM "Rollup" ` +
    `WHERE "serviceId" IN (${services}) AND "dimension" = ${dimension} AND (${ranges.join(" OR ")}) ` +
    `ORDER BY "serviceId", "bucketStart", "tier", "value"`;

  type Row = RollupDataRow & { serviceId: string; tier: string; bucketStart: Date; dimension: string; value: string };
  for (const row of await db.$queryRawUnsafe<Row[]>(sql, ...params)) {
    found.get(row.serviceId)!.push({
      tier: row.tier as RollupTier,
      key: { bucketStart: row.bucketStart.getTime(), dimension: row.dimension, value: row.value },
      agg: rowToAggregate(row),
    });
  }
  return found;
}
