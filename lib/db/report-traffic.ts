import type { Db } from "@/lib/db/client.ts";
import { DAY_MS } from "@/lib/domain/reports/period.ts";
import { ALL_TRAFFIC, planWindow } from "@/lib/domain/rollup/index.ts";
import { dialect } from "./report-sql.ts";

export interface Traffic {
  requests: number;
  costUsd: number;
  requestsByDay: Map<number, number>;
}

interface Row {
  sid: string;
  day: number | bigint;
  requests: number | bigint;
  cost: number;
}

/**
 * Requests and LLM cost per service and UTC day for bucket starts in [from, to): all-traffic rows of the tiers
 * planWindow picks (each event counted once, as every score reads them). Only two columns are needed, so they are
 * summed in the database: a month of hour rows for 50 services is 37,000 rows, which take a second to ship
 * through Prisma and decode, against a few milliseconds summed in place. Every row of any tier lies inside one
 * UTC day, so the day sums are exact.
 */
export async function readTraffic(db: Db, serviceIds: readonly string[], from: number, to: number, now: Date): Promise<Map<string, Traffic>> {
  const out = new Map(serviceIds.map((id) => [id, { requests: 0, costUsd: 0, requestsByDay: new Map<number, number>() } satisfies Traffic]));
  const parts = planWindow(from, to, now.getTime());
  if (serviceIds.length === 0 || parts.length === 0) return out;
  const { p, params, epochMs, dayOf } = dialect();
  const ids = serviceIds.map(p).join(", ");
  const dimension = p(ALL_TRAFFIC);
  // Tiers are literals from a closed set, so each OR term matches the (serviceId, tier, dimension, bucketStart) index.
  const ranges = parts.map((part) => `("tier" = '${part.tier}' AND "bucketStart" >= ${p(new Date(part.from))} AND "bucketStart" < ${p(new Date(part.to))})`);
  const day = dayOf(epochMs('"bucketStart"'));
  const rows = await db.$queryRawUnsafe<Row[]>(
    `SELECT "serviceId" AS sid, ${day} AS day, SUM("count") AS requests, SUM("costSum") AS cost FROM "Rollup"
     WHERE "serviceId" IN (${ids}) AND "dimension" = ${dimension} AND (${ranges.join(" OR ")})
     GROUP BY "serviceId", ${day}`,
    ...params,
  );
  for (const row of rows) {
    const traffic = out.get(row.sid);
    if (!traffic) continue;
    const requests = Number(row.requests);
    traffic.requests += requests;
    traffic.costUsd += Number(row.cost);
    traffic.requestsByDay.set(Number(row.day) * DAY_MS, requests);
  }
  return out;
}
