import { describe, expect, it } from "vitest";
import { emptyAggregate, type RollupAggregate } from "../rollup/aggregate.ts";
import { HOUR_MS } from "../rollup/tiers.ts";
import type { ScoringRules } from "./config.ts";
import { rankSegments, scoreSegments, type SegmentScore } from "./segments.ts";

// One component, error.rate with good 0 and bad 0.2: s = (rate − 0.2)/(0 − 0.2) = 1 − 5·rate, S = 100·s.
const RULES: ScoringRules = {
  minSamples: 10, aggregation: "weighted_mean", floors: [], thresholds: { warning: 80, critical: 60 },
  components: [{ metric: "error.rate", weight: 1, good: 0, bad: 0.2 }],
};

function row(count: number, errors: number): RollupAggregate {
  return { ...emptyAggregate(), count, errors };
}

describe("scoreSegments", () => {
  it("ranks by (100 − S) × traffic share, worked by hand", () => {
    const ranked = scoreSegments(RULES, {
      totalCount: 200,
      windowMs: HOUR_MS,
      segments: [
        // 15 events, 6 errors: rate 0.4 → s 0 → S 0; share 15/200 = 0.075 → impact 100·0.075 = 7.5
        { value: "google", rows: [row(15, 6)] },
        // 5 events < minSamples 10: no score, ranked last
        { value: "mistral", rows: [row(5, 5)] },
        // two minute rows: 100 events, 10 errors: rate 0.1 → s 0.5 → S 50; share 0.5 → impact 50·0.5 = 25
        { value: "anthropic", rows: [row(60, 6), row(40, 4)] },
        // 80 events, 4 errors: rate 0.05 → s 0.75 → S 75; share 0.4 → impact 25·0.4 = 10
        { value: "openai", rows: [row(80, 4)] },
      ],
    });
    expect(ranked.map((s) => s.value)).toEqual(["anthropic", "openai", "google", "mistral"]);
    expect(ranked.map((s) => s.result.score)).toEqual([50, 75, 0, null]);
    expect(ranked.map((s) => s.share)).toEqual([0.5, 0.4, 0.075, 0.025]);
    ranked.slice(0, 3).forEach((s, i) => expect(s.impact).toBeCloseTo([25, 10, 7.5][i]!, 12));
    expect(ranked[3]).toMatchObject({ impact: null, count: 5, result: { status: "no_data" } });
  });

  it("breaks impact ties by share, then by value", () => {
    const ranked = scoreSegments(RULES, {
      totalCount: 200,
      windowMs: HOUR_MS,
      segments: [
        // 25 events, rate 0.4 → S 0; impact 100·25/200 = 12.5
        { value: "small-bad", rows: [row(25, 10)] },
        // 50 events, rate 0.1 → S 50; impact 50·50/200 = 12.5, larger share → first
        { value: "large-mediocre", rows: [row(50, 5)] },
      ],
    });
    expect(ranked.map((s) => [s.value, s.impact])).toEqual([["large-mediocre", 12.5], ["small-bad", 12.5]]);
    const same = (value: string): SegmentScore => ({ ...ranked[0]!, value });
    expect(rankSegments([same("b"), same("a")]).map((s) => s.value)).toEqual(["a", "b"]);
  });

  it("gives drift metrics the segment's own baseline", () => {
    const rules: ScoringRules = { ...RULES, minSamples: 1, components: [{ metric: "drift.embedding", weight: 1, good: 0, bad: 1 }] };
    const withEmbedding = (sum: number[], count: number) => ({ ...row(count, 0), embedding: { sum, count } });
    // centroids [1, 0] and [0, 1]: cosine distance 1 → s = (1 − 1)/(0 − 1) = 0
    const [scored] = scoreSegments(rules, {
      totalCount: 2, windowMs: HOUR_MS,
      segments: [{ value: "v", rows: [withEmbedding([2, 0], 2)], baselineRows: [withEmbedding([0, 3], 3)] }],
    });
    expect(scored!.result.components[0]).toMatchObject({ value: 1, samples: 2, normalized: 0 });
  });
});
