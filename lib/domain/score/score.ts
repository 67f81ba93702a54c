import { configMetrics, type ScoreFloorConfig, type ScoreThresholds, type ScoringRules } from "./config.ts";
import { computeMetrics, NO_VALUE, type MetricSource, type MetricValue } from "./metrics.ts";

// The health score (DESIGN.md §5): pure, from metric values and the rules of a config.
//
// Where DESIGN.md is silent:
// - A component has data when its value is not null and it rests on ≥ minSamples events; the same test decides
//   whether a floor may apply: a floor on a metric without data does not cap the score.
// - Coverage is compared with 0.5 inclusively (exactly half the weight with data still scores).
// - Floors compare strictly: `above: 0.2` caps at 0.21, not at 0.2. Every floor whose condition holds is
//   listed in floorsApplied, also when the score was already below its cap.
// - weighted_geometric: a component with ŵ > 0 and s = 0 makes S = 0 (Π has a zero factor; 0⁰ = 1 keeps a
//   zero-weight component out). worst takes the minimum over components with data and weight > 0: a weight of
//   0 means "shown, not scored" in every aggregation.
// - Points lost, so they rank components by how much each holds the score down:
//   weighted_mean:      Lᵢ = 100·ŵᵢ·(1 − sᵢ), ΣLᵢ = 100 − S (before floors);
//   weighted_geometric: the deficit 100 − S shared in proportion to each component's term of
//                       ln(S/100) = Σ ŵᵢ·ln sᵢ, so ΣLᵢ = 100 − S again; when S = 0 the components with sᵢ = 0
//                       share the 100 points by weight;
//   worst:              each component alone would cap S at 100·sᵢ, so Lᵢ = 100·(1 − sᵢ); the largest equals
//                       100 − S.
// - S is rounded to 1e-9 points before floors and status, so float noise (79.99999999999999) never flips a
//   status at a threshold the arithmetic meets exactly.

export type HealthStatus = "healthy" | "warning" | "critical" | "no_data";
/** Below this coverage the score is null (DESIGN.md §5). */
export const MIN_COVERAGE = 0.5;

export interface ComponentScore {
  metric: string;
  value: number | null;
  samples: number;
  good: number;
  bad: number;
  weight: number;
  /** sᵢ ∈ [0, 1]; null without data. */
  normalized: number | null;
  /** Lᵢ on the 0–100 scale; null without data or without a score. */
  pointsLost: number | null;
  hasData: boolean;
}

export interface AppliedFloor extends ScoreFloorConfig {
  value: number;
}

export interface ScoreResult {
  score: number | null;
  status: HealthStatus;
  /** Σ w (with data) / Σ w (all), in [0, 1]. */
  coverage: number;
  components: ComponentScore[];
  floorsApplied: AppliedFloor[];
}

/** sᵢ = clamp((v − bad) / (good − bad), 0, 1): the order of good and bad gives the direction. */
export function normalize(value: number, good: number, bad: number): number {
  const s = (value - bad) / (good - bad);
  return Math.min(1, Math.max(0, s));
}

export function statusFor(score: number | null, thresholds: ScoreThresholds): HealthStatus {
  if (score === null) return "no_data";
  if (score >= thresholds.warning) return "healthy";
  return score >= thresholds.critical ? "warning" : "critical";
}

const round = (points: number) => Math.round(points * 1e9) / 1e9;
const hasData = (m: MetricValue, minSamples: number): m is { value: number; samples: number } =>
  m.value !== null && Number.isFinite(m.value) && m.samples >= minSamples;

/** The score of one window from its metric values, keyed by metric name; a missing key has no data. */
export function computeScore(rules: ScoringRules, metrics: Readonly<Record<string, MetricValue>>): ScoreResult {
  const lookup = (metric: string) => (Object.hasOwn(metrics, metric) ? metrics[metric]! : NO_VALUE);
  const components: ComponentScore[] = rules.components.map(({ metric, weight, good, bad }) => {
    const m = lookup(metric);
    const ok = hasData(m, rules.minSamples);
    return {
      metric, value: m.value, samples: m.samples, good, bad, weight,
      normalized: ok ? normalize(m.value!, good, bad) : null, pointsLost: null, hasData: ok,
    };
  });
  const totalWeight = sum(components.map((c) => c.weight));
  const dataWeight = sum(components.filter((c) => c.hasData).map((c) => c.weight));
  const coverage = totalWeight > 0 ? dataWeight / totalWeight : 0;
  // 1e-12 of slack: weights like 0.1 + 0.2 must not miss an exact half by a rounding error.
  if (dataWeight <= 0 || coverage < MIN_COVERAGE - 1e-12) {
    return { score: null, status: "no_data", coverage, components, floorsApplied: [] };
  }

  const scored = components.filter((c) => c.hasData);
  const wHat = (c: ComponentScore) => c.weight / dataWeight;
  const s = (c: ComponentScore) => c.normalized!;
  let raw: number;
  if (rules.aggregation === "weighted_mean") {
    raw = 100 * sum(scored.map((c) => wHat(c) * s(c)));
    for (const c of scored) c.pointsLost = 100 * wHat(c) * (1 - s(c));
  } else if (rules.aggregation === "weighted_geometric") {
    const zeros = scored.filter((c) => c.weight > 0 && s(c) === 0);
    if (zeros.length > 0) {
      raw = 0;
      const zeroWeight = sum(zeros.map((c) => c.weight));
      for (const c of scored) c.pointsLost = zeros.includes(c) ? (100 * c.weight) / zeroWeight : 0;
    } else {
      const logTerms = scored.map((c) => (c.weight > 0 ? wHat(c) * Math.log(s(c)) : 0));
      const logSum = sum(logTerms);
      raw = 100 * Math.exp(logSum);
      scored.forEach((c, i) => (c.pointsLost = logSum < 0 ? ((100 - raw) * logTerms[i]!) / logSum : 0));
    }
  } else {
    const counted = scored.filter((c) => c.weight > 0);
    raw = 100 * Math.min(...counted.map(s));
    for (const c of scored) c.pointsLost = c.weight > 0 ? 100 * (1 - s(c)) : 0;
  }

  let score = round(raw);
  const floorsApplied: AppliedFloor[] = [];
  for (const floor of rules.floors) {
    const m = lookup(floor.metric);
    if (!hasData(m, rules.minSamples)) continue;
    const holds = (floor.above !== undefined && m.value > floor.above) || (floor.below !== undefined && m.value < floor.below);
    if (!holds) continue;
    floorsApplied.push({ ...floor, value: m.value });
    score = Math.min(score, floor.cap);
  }
  return { score, status: statusFor(score, rules.thresholds), coverage, components, floorsApplied };
}

/** computeScore over the metrics a config reads, computed from a window's merged rollups. */
export function scoreWindow(rules: ScoringRules, source: MetricSource): ScoreResult {
  return computeScore(rules, computeMetrics(configMetrics(rules), source));
}

function sum(xs: readonly number[]): number {
  let total = 0;
  for (const x of xs) total += x;
  return total;
}
