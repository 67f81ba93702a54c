import type { RollupAggregate } from "../rollup/aggregate.ts";
import type { ScoringRules } from "./config.ts";
import { mergeWindow } from "./metrics.ts";
import { scoreWindow, type ScoreResult } from "./score.ts";

// Segment scores (DESIGN.md §5, last line): the same score over one segment value's rows, ranked by
// impact = (100 − S_segment) × traffic share, so a bad but tiny segment ranks below a mediocre one that
// carries most of the traffic.

export interface SegmentRows {
  /** The segment value ("anthropic", "enterprise", "(other)"). */
  value: string;
  /** The value's rollup rows in the window (one per bucket). */
  rows: Iterable<RollupAggregate>;
  /** The value's rows in the drift baseline; without them its drift metrics are null. */
  baselineRows?: Iterable<RollupAggregate>;
}

export interface SegmentScore {
  value: string;
  /** Events of this segment value in the window. */
  count: number;
  /** count / all-traffic count, in [0, 1]. */
  share: number;
  /** (100 − S) × share; null when the segment has no score. */
  impact: number | null;
  result: ScoreResult;
}

export interface ScoreSegmentsInput {
  segments: Iterable<SegmentRows>;
  /** Events of all traffic in the window: the denominator of every share. */
  totalCount: number;
  windowMs: number;
}

/** Scores every segment value and ranks them (see rankSegments). */
export function scoreSegments(rules: ScoringRules, input: ScoreSegmentsInput): SegmentScore[] {
  const scores: SegmentScore[] = [];
  for (const segment of input.segments) {
    const window = mergeWindow(segment.rows);
    const baseline = segment.baselineRows ? mergeWindow(segment.baselineRows) : null;
    const result = scoreWindow(rules, { window, windowMs: input.windowMs, baseline });
    const share = input.totalCount > 0 ? window.count / input.totalCount : 0;
    scores.push({
      value: segment.value, count: window.count, share,
      impact: result.score === null ? null : (100 - result.score) * share,
      result,
    });
  }
  return rankSegments(scores);
}

/**
 * Highest impact first; segments without a score last. Ties go to the larger share (more traffic is more to
 * look at), then to the value in code-unit order, so the ranking is the same on every run.
 */
export function rankSegments(scores: readonly SegmentScore[]): SegmentScore[] {
  return [...scores].sort((a, b) => {
    if ((a.impact === null) !== (b.impact === null)) return a.impact === null ? 1 : -1;
    const byImpact = (b.impact ?? 0) - (a.impact ?? 0);
    if (byImpact !== 0) return byImpact;
    if (b.share !== a.share) return b.share - a.share;
    return a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
  });
}
