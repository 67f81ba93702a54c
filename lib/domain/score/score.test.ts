import { describe, expect, it } from "vitest";
import { computeScore, normalize, statusFor } from "./score.ts";
import { COST, ERROR_FLOOR, expectCase, LAT, REL, UNIT, type ScoreCase } from "./testing.ts";

// DESIGN.md §5 worked by hand (formulas in testing.ts): direction, clamping, the example of DESIGN.md §6,
// missing components and coverage, status thresholds. Aggregations and floors: score-aggregations.test.ts.

/** The example config of DESIGN.md §6. */
const EXAMPLE = { components: [REL(50), LAT(30), COST(20)], floorRules: [ERROR_FLOOR] };

const cases: ScoreCase[] = [
  // — the rule "p95 latency ≥ 5 s scores 0, ≤ 1 s scores 100" (good 1000, bad 5000: lower is better) —
  // s = (1000 − 5000) / (1000 − 5000) = 1
  { name: "p95 1 s scores 100", components: [LAT()], metrics: { "latency.p95": 1000 }, score: 100, status: "healthy", lost: [0] },
  // s = (5000 − 5000) / −4000 = 0
  { name: "p95 5 s scores 0", components: [LAT()], metrics: { "latency.p95": 5000 }, score: 0, status: "critical", lost: [100] },
  // s = (400 − 5000) / −4000 = 1.15 → clamped to 1
  { name: "p95 0.4 s clamps at 100", components: [LAT()], metrics: { "latency.p95": 400 }, score: 100, status: "healthy" },
  // s = (9000 − 5000) / −4000 = −1 → clamped to 0
  { name: "p95 9 s clamps at 0", components: [LAT()], metrics: { "latency.p95": 9000 }, score: 0, status: "critical" },
  // s = (2000 − 5000) / −4000 = 0.75 → S = 75; L = 100·1·0.25 = 25
  { name: "p95 2 s scores 75", components: [LAT()], metrics: { "latency.p95": 2000 }, score: 75, status: "warning", lost: [25] },
  // s = (3400 − 5000) / −4000 = 0.4 → S = 40
  { name: "p95 3.4 s scores 40", components: [LAT()], metrics: { "latency.p95": 3400 }, score: 40, status: "critical", lost: [60] },

  // — higher is better (good 0.9 > bad 0.6) —
  // s = (0.75 − 0.6) / 0.3 = 0.5 → S = 50
  { name: "relevance 0.75 scores 50", components: [REL()], metrics: { "eval.relevance.mean": 0.75 }, score: 50, status: "critical" },
  // s = (0.99 − 0.6) / 0.3 = 1.3 → 1
  { name: "relevance above good clamps at 100", components: [REL()], metrics: { "eval.relevance.mean": 0.99 }, score: 100, status: "healthy" },
  // s = (0.3 − 0.6) / 0.3 = −1 → 0
  { name: "relevance below bad clamps at 0", components: [REL()], metrics: { "eval.relevance.mean": 0.3 }, score: 0, status: "critical" },
  // s = (0.6 − 0.6) / 0.3 = 0 exactly at bad
  { name: "relevance exactly at bad scores 0", components: [REL()], metrics: { "eval.relevance.mean": 0.6 }, score: 0, status: "critical" },

  // — the example of DESIGN.md §6: relevance 50, p95 30, cost 20; floor error.rate > 0.2 caps at 40 —
  // s = (0.84−0.6)/0.3 = 0.8, (2000−5000)/−4000 = 0.75, (0.0065−0.02)/(0.002−0.02) = −0.0135/−0.018 = 0.75
  // S = 100·(0.5·0.8 + 0.3·0.75 + 0.2·0.75) = 100·(0.4 + 0.225 + 0.15) = 77.5
  // L = 100·0.5·0.2 = 10, 100·0.3·0.25 = 7.5, 100·0.2·0.25 = 5; Σ = 22.5 = 100 − 77.5
  {
    name: "DESIGN example: 77.5, warning", ...EXAMPLE,
    metrics: { "eval.relevance.mean": 0.84, "latency.p95": 2000, "cost.per_request": 0.0065, "error.rate": 0.05 },
    score: 77.5, status: "warning", coverage: 1, lost: [10, 7.5, 5], applied: [],
  },
  // error.rate 0.25 > 0.2: S = min(77.5, 40) = 40 → critical
  {
    name: "DESIGN example: error floor caps at 40", ...EXAMPLE,
    metrics: { "eval.relevance.mean": 0.84, "latency.p95": 2000, "cost.per_request": 0.0065, "error.rate": 0.25 },
    score: 40, status: "critical", lost: [10, 7.5, 5], applied: ["error.rate"],
  },
  // error.rate exactly 0.2 is not above 0.2: S stays 77.5
  {
    name: "DESIGN example: floor bound itself does not trip", ...EXAMPLE,
    metrics: { "eval.relevance.mean": 0.84, "latency.p95": 2000, "cost.per_request": 0.0065, "error.rate": 0.2 },
    score: 77.5, status: "warning", applied: [],
  },
  // error.rate 0.25 on 12 events < 30: no data, the floor does not apply: 77.5
  {
    name: "DESIGN example: floor without data does not apply", ...EXAMPLE,
    metrics: { "eval.relevance.mean": 0.84, "latency.p95": 2000, "cost.per_request": 0.0065, "error.rate": [0.25, 12] },
    score: 77.5, status: "warning", applied: [],
  },
  // s = (0.95−0.6)/0.3 → 1, (800−5000)/−4000 → 1, (0.001−0.02)/−0.018 → 1: S = 100
  {
    name: "DESIGN example: all better than good", ...EXAMPLE,
    metrics: { "eval.relevance.mean": 0.95, "latency.p95": 800, "cost.per_request": 0.001, "error.rate": 0.01 },
    score: 100, status: "healthy", lost: [0, 0, 0],
  },
  // p95 on 29 events: no data. coverage = (50 + 20)/100 = 0.7; ŵ = 50/70, 20/70
  // S = 100·(50·0.8 + 20·0.75)/70 = 100·55/70 = 78.5714…; L = 100·(5/7)·0.2 = 14.2857…, 100·(2/7)·0.25 = 7.1428…
  {
    name: "DESIGN example: latency below minSamples is renormalised away", ...EXAMPLE,
    metrics: { "eval.relevance.mean": 0.84, "latency.p95": [2000, 29], "cost.per_request": 0.0065, "error.rate": 0.05 },
    score: 5500 / 70, status: "warning", coverage: 0.7, lost: [1000 / 70, null, 500 / 70],
  },
  // 30 samples = minSamples: has data, so the full 77.5
  {
    name: "DESIGN example: exactly minSamples has data", ...EXAMPLE,
    metrics: { "eval.relevance.mean": 0.84, "latency.p95": [2000, 30], "cost.per_request": 0.0065, "error.rate": 0.05 },
    score: 77.5, status: "warning", coverage: 1,
  },
  // no relevance: coverage = (30 + 20)/100 = 0.5 exactly → still scored; ŵ = 0.6, 0.4
  // S = 100·(0.6·0.75 + 0.4·0.75) = 75; L = 100·0.6·0.25 = 15, 100·0.4·0.25 = 10
  {
    name: "coverage exactly 0.5 still scores", ...EXAMPLE,
    metrics: { "eval.relevance.mean": null, "latency.p95": 2000, "cost.per_request": 0.0065, "error.rate": 0.05 },
    score: 75, status: "warning", coverage: 0.5, lost: [null, 15, 10],
  },
  // weights 51/30/20 without relevance: coverage = 50/101 = 0.495… < 0.5 → null
  {
    name: "coverage just below 0.5 is no_data",
    components: [REL(51), LAT(30), COST(20)],
    metrics: { "latency.p95": 2000, "cost.per_request": 0.0065 },
    score: null, status: "no_data", coverage: 50 / 101, lost: [null, null, null],
  },
  // coverage = 30/100 = 0.3 → null; the error floor (0.25 > 0.2) has nothing to cap
  {
    name: "coverage 0.3: no score, floors do not apply", ...EXAMPLE,
    metrics: { "latency.p95": 2000, "cost.per_request": [0.0065, 5], "error.rate": 0.25 },
    score: null, status: "no_data", coverage: 0.3, applied: [],
  },
  // nothing reported: coverage 0/100 = 0
  { name: "no metrics at all", ...EXAMPLE, metrics: {}, score: null, status: "no_data", coverage: 0 },

  // — status boundaries, one component with good 1, bad 0 so S = 100·v —
  { name: "S = 80 = warning threshold is healthy", components: [UNIT("eval.relevance.mean")], metrics: { "eval.relevance.mean": 0.8 }, score: 80, status: "healthy" },
  { name: "S = 79.99 is warning", components: [UNIT("eval.relevance.mean")], metrics: { "eval.relevance.mean": 0.7999 }, score: 79.99, status: "warning" },
  { name: "S = 60 = critical threshold is warning", components: [UNIT("eval.relevance.mean")], metrics: { "eval.relevance.mean": 0.6 }, score: 60, status: "warning" },
  { name: "S = 59.99 is critical", components: [UNIT("eval.relevance.mean")], metrics: { "eval.relevance.mean": 0.5999 }, score: 59.99, status: "critical" },
  // thresholds 90/70: 100·0.7 = 70 (not 70.00000000000001) sits exactly on critical → warning
  { name: "custom thresholds: S = 70 on critical 70 is warning", components: [UNIT("eval.relevance.mean")], thresholds: { warning: 90, critical: 70 }, metrics: { "eval.relevance.mean": 0.7 }, score: 70, status: "warning" },
  { name: "custom thresholds: S = 90 on warning 90 is healthy", components: [UNIT("eval.relevance.mean")], thresholds: { warning: 90, critical: 70 }, metrics: { "eval.relevance.mean": 0.9 }, score: 90, status: "healthy" },
  // warning = critical = 75: no warning band; 74.99 < 75 is critical
  { name: "warning = critical: just below is critical", components: [UNIT("eval.relevance.mean")], thresholds: { warning: 75, critical: 75 }, metrics: { "eval.relevance.mean": 0.7499 }, score: 74.99, status: "critical" },
];

describe("computeScore, worked by hand", () => {
  it.each(cases)("$name", expectCase);
});

describe("score details", () => {
  it("reports each component in config order with its inputs", () => {
    // s = (2000 − 5000)/(1000 − 5000) = 0.75
    const result = computeScore(
      { minSamples: 30, aggregation: "weighted_mean", components: [LAT(30), REL(50)], floors: [ERROR_FLOOR], thresholds: { warning: 80, critical: 60 } },
      { "latency.p95": { value: 2000, samples: 120 }, "eval.relevance.mean": { value: 0.7, samples: 4 }, "error.rate": { value: 0.3, samples: 120 } },
    );
    expect(result.components).toEqual([
      { metric: "latency.p95", value: 2000, samples: 120, good: 1000, bad: 5000, weight: 30, normalized: 0.75, pointsLost: null, hasData: true },
      { metric: "eval.relevance.mean", value: 0.7, samples: 4, good: 0.9, bad: 0.6, weight: 50, normalized: null, pointsLost: null, hasData: false },
    ]);
    // coverage 30/80 = 0.375 < 0.5: no score, so no points lost and no floors
    expect(result).toMatchObject({ score: null, status: "no_data", coverage: 0.375, floorsApplied: [] });
  });

  it("reports an applied floor with the value that tripped it", () => {
    const result = computeScore(
      { minSamples: 1, aggregation: "weighted_mean", components: [UNIT("eval.relevance.mean")], floors: [ERROR_FLOOR], thresholds: { warning: 80, critical: 60 } },
      { "eval.relevance.mean": { value: 1, samples: 1 }, "error.rate": { value: 0.5, samples: 1 } },
    );
    expect(result.floorsApplied).toEqual([{ metric: "error.rate", above: 0.2, cap: 40, value: 0.5 }]);
    expect(result.score).toBe(40);
  });

  it.each([
    // good < bad: lower is better
    [2000, 1000, 5000, 0.75],
    // good > bad: higher is better; (0.7 − 0.6)/(0.9 − 0.6) = 1/3
    [0.7, 0.9, 0.6, 1 / 3],
    [-1, 0, 10, 1], // (−1 − 10)/(0 − 10) = 1.1 → 1
  ])("normalize(%d, good %d, bad %d) = %d", (v, good, bad, s) => expect(normalize(v, good, bad)).toBeCloseTo(s, 12));

  it.each([
    [null, "no_data"], [100, "healthy"], [80, "healthy"], [79.999, "warning"], [60, "warning"], [59.999, "critical"], [0, "critical"],
  ] as const)("statusFor(%s) with 80/60 is %s", (score, status) => expect(statusFor(score, { warning: 80, critical: 60 })).toBe(status));
});
