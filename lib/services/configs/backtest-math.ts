import type { BacktestStatus } from "./types.ts";

// The arithmetic of a backtest, kept pure so it can be checked by hand: which instants to score, and how long
// the service spent in each status.

/** Steps a backtest may use, finest first. */
const STEPS_MS = [60_000, 300_000, 900_000, 1_800_000, 3_600_000] as const;
/** 7 days at 5 minutes is 2,016 points and 30 days at 15 minutes 2,880: enough for a chart, seconds to compute. */
export const MAX_POINTS = 2_880;

/** The finest step that keeps `rangeMs` within MAX_POINTS. */
export function backtestStep(rangeMs: number): number {
  return STEPS_MS.find((s) => rangeMs / s <= MAX_POINTS) ?? STEPS_MS[STEPS_MS.length - 1]!;
}

/**
 * The window ends to score: the range ends at the last whole step at or before `now` (so two backtests in the
 * same step agree) and each point stands for the step that ends at it.
 */
export function backtestEnds(nowMs: number, rangeMs: number, stepMs: number): { from: number; to: number; ends: number[] } {
  const to = Math.floor(nowMs / stepMs) * stepMs;
  const from = to - rangeMs;
  const ends: number[] = [];
  for (let at = from + stepMs; at <= to; at += stepMs) ends.push(at);
  return { from, to, ends };
}

/** Seconds in each status: every point stands for one step. */
export function timeInStatus(statuses: readonly BacktestStatus[], stepMs: number): Record<BacktestStatus, number> {
  const out: Record<BacktestStatus, number> = { healthy: 0, warning: 0, critical: 0, no_data: 0 };
  for (const s of statuses) out[s] += stepMs / 1000;
  return out;
}
