import { getDb } from "@/lib/db/client.ts";
import type { StoredRollup } from "@/lib/db/rollups.ts";
import { readWindowRows } from "@/lib/db/rollup-window.ts";
import { ALL_TRAFFIC } from "@/lib/domain/rollup/index.ts";

/** A service's rows of one dimension (all traffic by default) for bucket starts in [from, to), from the tiers that hold them. */
export async function readRange(serviceId: string, range: { from: number; to: number }, now: Date, dimension: string = ALL_TRAFFIC): Promise<StoredRollup[]> {
  return readWindowRows(await getDb(), serviceId, { from: new Date(range.from), to: new Date(range.to), now, dimension });
}
