import { describe, it } from "vitest";
import { COST, ERROR_FLOOR, expectCase, THUMBS_FLOOR, UNIT, type ScoreCase } from "./testing.ts";

// DESIGN.md §5 worked by hand (formulas in testing.ts): weighted_geometric, worst, floors and zero weights.

const cases: ScoreCase[] = [
  // — weighted_geometric —
  // ŵ = 0.5, 0.5; S = 100·0.64^0.5·1^0.5 = 100·0.8 = 80 → healthy, on the threshold
  // L: terms 0.5·ln 0.64 and 0.5·ln 1 = 0, so the whole deficit 20 goes to the first
  {
    name: "geometric: √0.64 = 0.8 lands on 80", aggregation: "weighted_geometric",
    components: [UNIT("eval.relevance.mean"), UNIT("eval.faithfulness.mean")],
    metrics: { "eval.relevance.mean": 0.64, "eval.faithfulness.mean": 1 },
    score: 80, status: "healthy", lost: [20, 0],
  },
  // a factor 0^0.25 = 0 → S = 0; the zero component carries all 100 points
  {
    name: "geometric: one zero makes 0", aggregation: "weighted_geometric",
    components: [UNIT("eval.relevance.mean", 1), UNIT("eval.faithfulness.mean", 3)],
    metrics: { "eval.relevance.mean": 0, "eval.faithfulness.mean": 1 },
    score: 0, status: "critical", lost: [100, 0],
  },
  // ŵ = 0.25, 0.25, 0.5; S = 100·0.25^0.25·1·0.81^0.5 = 100·(1/√2)·0.9 = 63.6396103…
  // deficit 36.3603897; ln terms 0.25·ln 0.25 = −0.3465736, 0, 0.5·ln 0.81 = −0.1053605 (Σ −0.4519341)
  // L₁ = 36.3603897·0.3465736/0.4519341 = 27.8836021, L₃ = 36.3603897·0.1053605/0.4519341 = 8.4767876
  {
    name: "geometric: three components", aggregation: "weighted_geometric",
    components: [UNIT("eval.relevance.mean", 1), UNIT("eval.faithfulness.mean", 1), UNIT("outcome.ticket_resolved.rate", 2)],
    metrics: { "eval.relevance.mean": 0.25, "eval.faithfulness.mean": 1, "outcome.ticket_resolved.rate": 0.81 },
    score: 63.6396103, status: "warning", lost: [27.8836021, 0, 8.4767876],
  },
  // a zero-weight component with s = 0 is shown, not scored: S = 100·0.81^1 = 81
  {
    name: "geometric: a zero with weight 0 does not zero the score", aggregation: "weighted_geometric",
    components: [UNIT("eval.relevance.mean", 1), UNIT("eval.faithfulness.mean", 0)],
    metrics: { "eval.relevance.mean": 0.81, "eval.faithfulness.mean": 0 },
    score: 81, status: "healthy", lost: [19, 0],
  },
  // second component no data: coverage 1/2 = 0.5, ŵ = 1 → S = 100·0.49 = 49
  {
    name: "geometric: renormalised over what has data", aggregation: "weighted_geometric",
    components: [UNIT("eval.relevance.mean"), UNIT("eval.faithfulness.mean")],
    metrics: { "eval.relevance.mean": 0.49, "eval.faithfulness.mean": [0.1, 3] },
    score: 49, status: "critical", coverage: 0.5, lost: [51, null],
  },
  // zeros with weights 1 and 3 (Σ 4) share the 100 points: 25 and 75; the perfect one loses 0
  {
    name: "geometric: two zeros share the loss by weight", aggregation: "weighted_geometric",
    components: [UNIT("eval.relevance.mean", 1), UNIT("eval.faithfulness.mean", 3), UNIT("outcome.ticket_resolved.rate", 4)],
    metrics: { "eval.relevance.mean": 0, "eval.faithfulness.mean": 0, "outcome.ticket_resolved.rate": 1 },
    score: 0, status: "critical", lost: [25, 75, 0],
  },

  // — worst —
  // s = 0.9, 0.5, 0.75 → S = 100·0.5 = 50; L = 100·(1 − s) = 10, 50, 25
  {
    name: "worst: the minimum", aggregation: "worst",
    components: [UNIT("eval.relevance.mean", 50), UNIT("eval.faithfulness.mean", 30), UNIT("outcome.ticket_resolved.rate", 20)],
    metrics: { "eval.relevance.mean": 0.9, "eval.faithfulness.mean": 0.5, "outcome.ticket_resolved.rate": 0.75 },
    score: 50, status: "critical", lost: [10, 50, 25],
  },
  // weights do not move the minimum: still 50
  {
    name: "worst: weights do not matter", aggregation: "worst",
    components: [UNIT("eval.relevance.mean", 98), UNIT("eval.faithfulness.mean", 1), UNIT("outcome.ticket_resolved.rate", 1)],
    metrics: { "eval.relevance.mean": 0.9, "eval.faithfulness.mean": 0.5, "outcome.ticket_resolved.rate": 0.75 },
    score: 50, status: "critical",
  },
  // the weight-0 component (s = 0) is not scored: S = 100·0.9 = 90
  {
    name: "worst: weight 0 is display only", aggregation: "worst",
    components: [UNIT("eval.relevance.mean", 1), UNIT("eval.faithfulness.mean", 0)],
    metrics: { "eval.relevance.mean": 0.9, "eval.faithfulness.mean": 0 },
    score: 90, status: "healthy", lost: [10, 0],
  },
  // the second has no data (null): coverage 0.5, S = 100·0.7 = 70
  {
    name: "worst: a component without data is left out", aggregation: "worst",
    components: [UNIT("eval.relevance.mean"), UNIT("eval.faithfulness.mean")],
    metrics: { "eval.relevance.mean": 0.7, "eval.faithfulness.mean": null },
    score: 70, status: "warning", coverage: 0.5, lost: [30, null],
  },

  // — floors with `below` —
  // S = 100·0.9 = 90; thumbs-up 0.4 < 0.5 → min(90, 50) = 50
  {
    name: "below floor caps", components: [UNIT("eval.relevance.mean")], floorRules: [THUMBS_FLOOR],
    metrics: { "eval.relevance.mean": 0.9, "feedback.thumbs_up.mean": 0.4 }, score: 50, status: "critical", applied: ["feedback.thumbs_up.mean"],
  },
  // 0.5 is not below 0.5: 90
  {
    name: "below floor: the bound itself does not trip", components: [UNIT("eval.relevance.mean")], floorRules: [THUMBS_FLOOR],
    metrics: { "eval.relevance.mean": 0.9, "feedback.thumbs_up.mean": 0.5 }, score: 90, status: "healthy", applied: [],
  },
  // 0.4 on 10 ratings: no data, no cap: 90
  {
    name: "below floor without data does not apply", components: [UNIT("eval.relevance.mean")], floorRules: [THUMBS_FLOOR],
    metrics: { "eval.relevance.mean": 0.9, "feedback.thumbs_up.mean": [0.4, 10] }, score: 90, status: "healthy", applied: [],
  },
  // S = 30 is already under the cap 50: min(30, 50) = 30, the floor is still reported
  {
    name: "a floor above the score changes nothing", components: [UNIT("eval.relevance.mean")], floorRules: [THUMBS_FLOOR],
    metrics: { "eval.relevance.mean": 0.3, "feedback.thumbs_up.mean": 0.1 }, score: 30, status: "critical", applied: ["feedback.thumbs_up.mean"],
  },
  // both hold: min(90, 50, 40) = 40
  {
    name: "two floors: the lower cap wins", components: [UNIT("eval.relevance.mean")], floorRules: [THUMBS_FLOOR, ERROR_FLOOR],
    metrics: { "eval.relevance.mean": 0.9, "feedback.thumbs_up.mean": 0.2, "error.rate": 0.3 },
    score: 40, status: "critical", applied: ["feedback.thumbs_up.mean", "error.rate"],
  },
  // weight 0 in weighted_mean: coverage = 1/1; S = 100·(1·0.8 + 0·0) = 80, L = 20 and 0
  {
    name: "weighted_mean: weight 0 is display only",
    components: [UNIT("eval.relevance.mean", 1), COST(0)],
    metrics: { "eval.relevance.mean": 0.8, "cost.per_request": 0.05 },
    score: 80, status: "healthy", coverage: 1, lost: [20, 0],
  },
];

describe("aggregations and floors, worked by hand", () => {
  it.each(cases)("$name", expectCase);
});
