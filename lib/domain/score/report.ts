import type { RollupAggregate } from "../rollup/aggregate.ts";
import { formatDuration, type ScoringRules } from "./config.ts";
import { mergeWindow } from "./metrics.ts";
import { scoreWindow, type AppliedFloor, type ComponentScore, type HealthStatus, type ScoreResult } from "./score.ts";

// The health report: what GET /api/services/{slug}/health answers and what `vitals score` prints. Both build it
// here from rollup rows, so the server and the offline CLI cannot disagree on the arithmetic or on the shape.
//
// Window bounds (DESIGN.md §5: the events with timestamps in (at − W, at]): rollups hold buckets, not events,
// so a window reads the buckets that start in [at − W, at). The bucket holding `at` is in; the one holding
// at − W is out, unless at − W is the start of a bucket. With `at` on a minute boundary this is exactly
// (at − W, at] up to events stamped on the boundary millisecond itself.

/** A component as reported: ComponentScore without the internal hasData flag (normalized is null without data). */
export type ReportComponent = Omit<ComponentScore, "hasData">;

export interface HealthReport {
  service: string;
  /** The window's length as configs write it ("1h"). */
  window: string;
  /** The window's end, ISO 8601. */
  at: string;
  /** The segment scored, when not all traffic. */
  segment: { dimension: string; value: string } | null;
  score: number | null;
  status: HealthStatus;
  coverage: number;
  /** Events in the window. */
  events: number;
  components: ReportComponent[];
  floorsApplied: AppliedFloor[];
  /** The config version scored (null: the built-in default, or a config file given to the CLI). */
  configVersion: number | null;
}

/** Where a window's rows start and end: bucket starts in [from, to). */
export interface BucketRange {
  from: number;
  to: number;
}

export function windowRange(at: number, windowMs: number): BucketRange {
  return { from: at - windowMs, to: at };
}

export interface HealthReportInput {
  service: string;
  rules: ScoringRules;
  windowMs: number;
  at: number;
  segment?: { dimension: string; value: string } | null;
  /** The window's rows (of the segment, when one is given). */
  rows: Iterable<RollupAggregate>;
  /** The drift baseline's rows; only read when the config has drift metrics. */
  baselineRows?: Iterable<RollupAggregate> | null;
  configVersion: number | null;
}

export function healthReport(input: HealthReportInput): HealthReport {
  const window = mergeWindow(input.rows);
  const baseline = input.baselineRows ? mergeWindow(input.baselineRows) : null;
  const result = scoreWindow(input.rules, { window, windowMs: input.windowMs, baseline });
  return toHealthReport(input, result, window.count);
}

export function toHealthReport(
  input: Pick<HealthReportInput, "service" | "windowMs" | "at" | "segment" | "configVersion">,
  result: ScoreResult,
  events: number,
): HealthReport {
  return {
    service: input.service,
    window: formatDuration(input.windowMs),
    at: new Date(input.at).toISOString(),
    segment: input.segment ?? null,
    score: result.score,
    status: result.status,
    coverage: result.coverage,
    events,
    components: result.components.map(({ metric, value, samples, good, bad, weight, normalized, pointsLost }) => ({
      metric, value, samples, good, bad, weight, normalized, pointsLost,
    })),
    floorsApplied: result.floorsApplied,
    configVersion: input.configVersion,
  };
}

/** Whether a config reads drift metrics, so the baseline's rows are worth reading at all. */
export function needsBaseline(rules: Pick<ScoringRules, "components" | "floors">): boolean {
  return [...rules.components, ...rules.floors].some((c) => c.metric.startsWith("drift."));
}
