import { expect } from "vitest";
import type { Aggregation, ScoreComponentConfig, ScoreFloorConfig, ScoringRules } from "./config.ts";
import type { MetricValue } from "./metrics.ts";
import { computeScore, type HealthStatus } from "./score.ts";

// Helpers for the hand-worked score tables (score.test.ts, score-aggregations.test.ts). Every expected number
// in those tables is worked by hand from DESIGN.md §5, in the comment beside it:
//   s = clamp((v − bad) / (good − bad), 0, 1); ŵ = w / Σw(with data); coverage = Σw(with data) / Σw(all);
//   weighted_mean S = 100·Σŵs; weighted_geometric S = 100·Πs^ŵ; worst S = 100·min s; floors cap S.
// Defaults: minSamples 30, thresholds warning 80 / critical 60; a bare metric value rests on 100 samples.

export const comp = (metric: string, weight: number, good: number, bad: number): ScoreComponentConfig => ({ metric, weight, good, bad });
export const LAT = (w = 1) => comp("latency.p95", w, 1000, 5000);
export const REL = (w = 1) => comp("eval.relevance.mean", w, 0.9, 0.6);
export const COST = (w = 1) => comp("cost.per_request", w, 0.002, 0.02);
/** good 1, bad 0: s = v, so S = 100·v for a single component. */
export const UNIT = (metric: string, w = 1) => comp(metric, w, 1, 0);
export const ERROR_FLOOR: ScoreFloorConfig = { metric: "error.rate", above: 0.2, cap: 40 };
export const THUMBS_FLOOR: ScoreFloorConfig = { metric: "feedback.thumbs_up.mean", below: 0.5, cap: 50 };

export interface ScoreCase {
  name: string;
  components: ScoreComponentConfig[];
  floorRules?: ScoreFloorConfig[];
  aggregation?: Aggregation;
  thresholds?: { warning: number; critical: number };
  /** metric → value, or [value, samples]; a bare value has 100 samples. */
  metrics: Record<string, number | null | [number | null, number]>;
  score: number | null;
  status: HealthStatus;
  coverage?: number;
  /** Points lost per component, in config order; null where a component has none. */
  lost?: Array<number | null>;
  /** Metrics of the floors expected to apply. */
  applied?: string[];
}

export function expectCase(c: ScoreCase): void {
  const rules: ScoringRules = {
    minSamples: 30, aggregation: c.aggregation ?? "weighted_mean", components: c.components, floors: c.floorRules ?? [],
    thresholds: c.thresholds ?? { warning: 80, critical: 60 },
  };
  const metrics: Record<string, MetricValue> = {};
  for (const [name, m] of Object.entries(c.metrics)) metrics[name] = Array.isArray(m) ? { value: m[0], samples: m[1] } : { value: m, samples: 100 };
  const result = computeScore(rules, metrics);
  if (c.score === null) expect(result.score).toBeNull();
  else expect(result.score).toBeCloseTo(c.score, 6);
  expect(result.status).toBe(c.status);
  if (c.coverage !== undefined) expect(result.coverage).toBeCloseTo(c.coverage, 12);
  if (c.lost) {
    expect(result.components.map((x) => x.pointsLost === null)).toEqual(c.lost.map((l) => l === null));
    c.lost.forEach((l, i) => l !== null && expect(result.components[i]!.pointsLost).toBeCloseTo(l, 6));
  }
  if (c.applied) expect(result.floorsApplied.map((f) => f.metric)).toEqual(c.applied);
}
