import type { EpisodeFigures } from "./episodes.ts";
import { meanScore, statusTimes, type SnapshotStats } from "./time-in-status.ts";
import { STATUSES, type FigureChanges, type Figures, type StatusTimes } from "./types.ts";

// A service's figures over one period, a group's figures from its services', and the change between periods.

/** What a report reads for one service over one period. */
export interface PeriodInput {
  stats: SnapshotStats;
  episodes: EpisodeFigures;
  requests: number;
  costUsd: number;
  /** Requests per UTC day start, for the daily chart's weights. */
  requestsByDay: ReadonlyMap<number, number>;
}

const per1k = (cost: number, requests: number) => (requests > 0 ? (cost / requests) * 1000 : null);
const mean = (sum: number, n: number) => (n > 0 ? sum / n : null);

export function serviceFigures(slug: string, input: PeriodInput, periodMs: number): Figures {
  const score = meanScore(input.stats.scoreMs, input.stats.scoredMs);
  const e = input.episodes;
  return {
    score, lowestScore: score, lowestService: score === null ? null : slug,
    statusMs: statusTimes(input.stats, periodMs),
    episodes: { ...e.episodes }, openAtEnd: e.openAtEnd, carriedIn: e.carriedIn,
    mttaMs: mean(e.ackMs, e.acknowledged), acknowledged: e.acknowledged,
    mttrMs: mean(e.resolveMs, e.resolved), resolved: e.resolved,
    requests: input.requests, costUsd: input.costUsd, costPer1kRequests: per1k(input.costUsd, input.requests),
  };
}

/**
 * The traffic-weighted mean of scores: Σ scoreᵢ · requestsᵢ / Σ requestsᵢ over the entries with a score. When
 * none of them saw traffic, every entry weighs the same (a quiet portfolio still has a score).
 */
export function trafficWeighted(entries: readonly { score: number | null; requests: number }[]): number | null {
  const scored = entries.filter((e): e is { score: number; requests: number } => e.score !== null);
  if (scored.length === 0) return null;
  const traffic = scored.reduce((s, e) => s + e.requests, 0);
  if (traffic === 0) return scored.reduce((s, e) => s + e.score, 0) / scored.length;
  return scored.reduce((s, e) => s + e.score * e.requests, 0) / traffic;
}

/** A group's figures from its services' (or the portfolio's from its groups'): sums, pooled means, the lowest score. */
export function combineFigures(parts: readonly Figures[]): Figures {
  const sum = (f: (x: Figures) => number) => parts.reduce((s, x) => s + f(x), 0);
  const statusMs = Object.fromEntries(STATUSES.map((k) => [k, sum((x) => x.statusMs[k])])) as StatusTimes;
  const lowest = parts.filter((x) => x.lowestScore !== null).sort((a, b) => a.lowestScore! - b.lowestScore!)[0];
  const acknowledged = sum((x) => x.acknowledged);
  const resolved = sum((x) => x.resolved);
  const requests = sum((x) => x.requests);
  const costUsd = sum((x) => x.costUsd);
  // A group's score weighs each part by its traffic; a part that is itself a group carries its own total.
  return {
    score: trafficWeighted(parts), lowestScore: lowest?.lowestScore ?? null, lowestService: lowest?.lowestService ?? null,
    statusMs,
    episodes: { warning: sum((x) => x.episodes.warning), critical: sum((x) => x.episodes.critical) },
    openAtEnd: sum((x) => x.openAtEnd), carriedIn: sum((x) => x.carriedIn),
    mttaMs: mean(sum((x) => (x.mttaMs ?? 0) * x.acknowledged), acknowledged), acknowledged,
    mttrMs: mean(sum((x) => (x.mttrMs ?? 0) * x.resolved), resolved), resolved,
    requests, costUsd, costPer1kRequests: per1k(costUsd, requests),
  };
}

const diff = (a: number | null, b: number | null) => (a === null || b === null ? null : a - b);

/** Current minus previous. Status times are compared as shares of each period's service-time, since lengths may differ. */
export function changeOf(current: Figures, previous: Figures): FigureChanges {
  const share = (f: Figures, k: keyof StatusTimes) => {
    const total = STATUSES.reduce((s, x) => s + f.statusMs[x], 0);
    return total > 0 ? f.statusMs[k] / total : 0;
  };
  return {
    score: diff(current.score, previous.score),
    lowestScore: diff(current.lowestScore, previous.lowestScore),
    statusShare: Object.fromEntries(STATUSES.map((k) => [k, share(current, k) - share(previous, k)])) as StatusTimes,
    episodes: { warning: current.episodes.warning - previous.episodes.warning, critical: current.episodes.critical - previous.episodes.critical },
    mttaMs: diff(current.mttaMs, previous.mttaMs),
    mttrMs: diff(current.mttrMs, previous.mttrMs),
    requests: current.requests - previous.requests,
    costUsd: current.costUsd - previous.costUsd,
    costPer1kRequests: diff(current.costPer1kRequests, previous.costPer1kRequests),
  };
}
