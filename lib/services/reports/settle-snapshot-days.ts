import { getDb } from "@/lib/db/client.ts";
import { DAY_MS } from "@/lib/domain/reports/period.ts";
import { readSnapshotStats } from "./snapshot-days.ts";

// Sums and stores every settled day of the last `days` days for every service that is not stored yet, so no
// report — not even the first after a start — sums a day of snapshots more than once. Run hourly by the
// background jobs and at the end of the demo seed; after the first run only yesterday is new.

export const SETTLE_DAYS = 100;

export async function settleSnapshotDays(now: Date, days: number = SETTLE_DAYS): Promise<void> {
  const db = await getDb();
  const ids = (await db.service.findMany({ select: { id: true } })).map((s) => s.id);
  const today = Math.floor(now.getTime() / DAY_MS) * DAY_MS;
  await readSnapshotStats(db, ids, today - days * DAY_MS, today);
}
