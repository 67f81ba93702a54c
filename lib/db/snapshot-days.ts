import type { SnapshotStats } from "@/lib/domain/reports/time-in-status.ts";
import { isUniqueViolation, type Db } from "./client.ts";

// Settled days' snapshot figures, stored (model SnapshotDay): a day is final once its service has a snapshot at or
// after the day's end, because the evaluator only appends snapshots after a service's latest one and never edits
// them. Reports read these rows instead of the day's snapshots; they are written by the first report that sums a
// settled day and by the background job that settles yesterday (lib/services/reports/settle-snapshot-days.ts).

export interface StoredDay {
  serviceId: string;
  /** The day's start, ms (UTC midnight). */
  day: number;
  stats: SnapshotStats;
}

export async function readSnapshotDays(db: Db, serviceIds: readonly string[], from: number, to: number): Promise<StoredDay[]> {
  if (serviceIds.length === 0 || from >= to) return [];
  const rows = await db.snapshotDay.findMany({ where: { serviceId: { in: [...serviceIds] }, day: { gte: new Date(from), lt: new Date(to) } } });
  return rows.map((r) => ({
    serviceId: r.serviceId,
    day: r.day.getTime(),
    stats: {
      coveredMs: { healthy: r.healthyMs, warning: r.warningMs, critical: r.criticalMs, no_data: r.noDataMs },
      scoreMs: r.scoreMs,
      scoredMs: r.scoredMs,
      byDay: new Map([[r.day.getTime(), { scoreMs: r.scoreMs, scoredMs: r.scoredMs }]]),
    },
  }));
}

/**
 * Stores settled days. Two processes settling the same day compute the same figures, so when the other one got
 * there first (a primary-key conflict) there is nothing to do.
 */
export async function saveSnapshotDays(db: Db, days: readonly StoredDay[]): Promise<void> {
  if (days.length === 0) return;
  const data = days.map(({ serviceId, day, stats }) => ({
    serviceId, day: new Date(day),
    healthyMs: stats.coveredMs.healthy, warningMs: stats.coveredMs.warning, criticalMs: stats.coveredMs.critical, noDataMs: stats.coveredMs.no_data,
    scoreMs: stats.scoreMs, scoredMs: stats.scoredMs,
  }));
  try {
    await db.snapshotDay.createMany({ data });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // Some of them were there already: store the others one by one.
    for (const row of data) {
      try {
        await db.snapshotDay.create({ data: row });
      } catch (e) {
        if (!isUniqueViolation(e)) throw e;
      }
    }
  }
}
