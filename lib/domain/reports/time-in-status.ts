import type { HealthStatus } from "../score/score.ts";
import { DAY_MS } from "./period.ts";
import type { StatusTimes } from "./types.ts";

// Time in each status from score snapshots. A snapshot speaks for the time until the service's next snapshot,
// but for at most `capMs`: the evaluator writes one a minute (the demo backfill one per 15 minutes), so a longer
// silence means the evaluator was not scoring the service, and the rest of that gap is counted as no data. The
// last snapshot before the period speaks for the period's first moments the same way. Time no snapshot covers
// is no data, so the four statuses always add up to the period's length.

/** The default cap: the demo backfill's step, 15 minutes. */
export const SNAPSHOT_CAP_MS = 15 * 60_000;

export interface SnapshotPoint {
  at: number;
  score: number | null;
  status: HealthStatus;
}

/** What a service's snapshots say about a period; the SQL aggregation in lib/services/reports returns the same shape. */
export interface SnapshotStats {
  /** Covered time in each status (no_data: snapshots whose status was no_data; gaps are added by `statusTimes`). */
  coveredMs: StatusTimes;
  /** Σ score × covered time, and the covered time of snapshots with a score: their ratio is the time-weighted mean. */
  scoreMs: number;
  scoredMs: number;
  /** The same two sums per UTC day (keyed by day start); an interval across midnight is split between the days. */
  byDay: Map<number, { scoreMs: number; scoredMs: number }>;
}

export const emptyStatusTimes = (): StatusTimes => ({ healthy: 0, warning: 0, critical: 0, no_data: 0 });

export function emptyStats(): SnapshotStats {
  return { coveredMs: emptyStatusTimes(), scoreMs: 0, scoredMs: 0, byDay: new Map() };
}

/**
 * Folds one service's snapshots (ascending by time; those before `from` may be included, only the last of them
 * matters) over [from, to).
 */
export function snapshotStats(snapshots: readonly SnapshotPoint[], from: number, to: number, capMs: number = SNAPSHOT_CAP_MS): SnapshotStats {
  const stats = emptyStats();
  for (let i = 0; i < snapshots.length; i++) {
    const s = snapshots[i]!;
    const next = snapshots[i + 1]?.at ?? Number.POSITIVE_INFINITY;
    addInterval(stats, s, Math.max(s.at, from), Math.min(next, s.at + capMs, to));
  }
  return stats;
}

/**
 * Adds the time [start, end) during which snapshot `s` held (nothing when empty). Time after a UTC midnight goes
 * to the next day, so the figures of a span are the sums of its days' (lib/services/reports keeps finished days).
 */
export function addInterval(stats: SnapshotStats, s: Pick<SnapshotPoint, "score" | "status">, start: number, end: number): void {
  for (let a = start; a < end; ) {
    const day = Math.floor(a / DAY_MS) * DAY_MS;
    const b = Math.min(end, day + DAY_MS);
    const ms = b - a;
    stats.coveredMs[s.status] += ms;
    if (s.score !== null) {
      stats.scoreMs += s.score * ms;
      stats.scoredMs += ms;
      const d = stats.byDay.get(day) ?? { scoreMs: 0, scoredMs: 0 };
      d.scoreMs += s.score * ms;
      d.scoredMs += ms;
      stats.byDay.set(day, d);
    }
    a = b;
  }
}

/** Adds `part` (the stats of a span disjoint from what `into` holds) into `into`. */
export function mergeStats(into: SnapshotStats, part: SnapshotStats): void {
  for (const k of Object.keys(part.coveredMs) as HealthStatus[]) into.coveredMs[k] += part.coveredMs[k];
  into.scoreMs += part.scoreMs;
  into.scoredMs += part.scoredMs;
  for (const [day, d] of part.byDay) {
    const e = into.byDay.get(day) ?? { scoreMs: 0, scoredMs: 0 };
    e.scoreMs += d.scoreMs;
    e.scoredMs += d.scoredMs;
    into.byDay.set(day, e);
  }
}

/** Time in each status over a period of `periodMs`: what no snapshot covers is no data. */
export function statusTimes(stats: SnapshotStats, periodMs: number): StatusTimes {
  const { healthy, warning, critical, no_data } = stats.coveredMs;
  return { healthy, warning, critical, no_data: no_data + Math.max(0, periodMs - healthy - warning - critical - no_data) };
}

/** The time-weighted mean score, or null when no snapshot with a score covers any of the period. */
export function meanScore(scoreMs: number, scoredMs: number): number | null {
  return scoredMs > 0 ? scoreMs / scoredMs : null;
}
