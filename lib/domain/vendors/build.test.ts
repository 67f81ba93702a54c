import { describe, expect, it } from "vitest";
import { addToSketch, createSketch, emptyAggregate, type RollupAggregate } from "../rollup/index.ts";
import type { ScoringRules } from "../score/config.ts";
import { comp } from "../score/testing.ts";
import { buildVendorReport, type ServiceRows } from "./build.ts";
import type { VendorRow } from "./figures.ts";

// Two services over two hours; provider p serves both, q only "chat". Targets: p95 ≤ 4,000 ms, errors ≤ 10 %.
//   chat (scored on error.rate, good 0, bad 0.5):  p h0 10 events at 1,000 ms · h1 10 at 1,000 ms → score 100
//                                                   q h0 10 at 1,000 ms, 5 errors (50 %)       → score 0
//   rag (scored on latency.mean, good 1,000, bad 9,000): p h0 10 at 9,000 ms                  → score 0
// Every event: 100 tokens, $0.001 → $0.01 per 1k tokens.
// Portfolio compliance of p: h0 merges chat's 10 fast and rag's 10 slow events → p95 9,000 ms → missed; h1 met
// → 1/2, though on the chat workload alone p met both hours → 1.

const HOUR = 3_600_000;
const T0 = Date.parse("2026-11-02T00:00:00Z");

function agg(n: number, latencyMs: number, errors = 0): RollupAggregate {
  const sketch = createSketch();
  addToSketch(sketch, latencyMs, n);
  return { ...emptyAggregate(), count: n, errors, latencyCount: n, latencySum: n * latencyMs, latencySketch: sketch,
    costCount: n, costSum: n * 0.001, tokensCount: n, inputTokens: n * 100, outputTokens: 0 };
}
const row = (h: number, a: RollupAggregate): VendorRow => ({ tier: "hour", bucketStart: T0 + h * HOUR, agg: a });
const errorsOnly: ScoringRules = {
  minSamples: 5, aggregation: "weighted_mean", floors: [], thresholds: { warning: 80, critical: 60 },
  components: [comp("error.rate", 1, 0, 0.5)],
};
const latencyOnly: ScoringRules = { ...errorsOnly, components: [comp("latency.mean", 1, 1000, 9000)] };

const providers: ServiceRows[] = [
  { slug: "chat", name: "Chat", rules: errorsOnly, byValue: new Map([["p", [row(0, agg(10, 1000)), row(1, agg(10, 1000))]], ["q", [row(0, agg(10, 1000, 5))]]]) },
  { slug: "rag", name: "RAG", rules: latencyOnly, byValue: new Map([["p", [row(0, agg(10, 9000))]]]) },
];
const period = { kind: "custom" as const, from: new Date(T0).toISOString(), to: new Date(T0 + 2 * HOUR).toISOString(), end: new Date(T0 + 2 * HOUR).toISOString(), label: "x", soFar: false };
const target = { latencyP95Ms: 4000, maxErrorRate: 0.1 };

describe("buildVendorReport", () => {
  const report = buildVendorReport({
    generatedAt: T0 + 3 * HOUR, period, windowMs: 2 * HOUR, providers, models: [],
    targets: new Map([["p", target], ["q", target]]), modelProviders: new Map(),
  });

  it("merges a provider's hours across services for its compliance, and weighs each service's score by traffic", () => {
    const p = report.providers.find((x) => x.provider === "p")!;
    // chat's p scores 100 on 20 events, rag's p scores 0 on 10 → (100·20 + 0·10) / 30 = 66.67.
    expect(p.score).toBeCloseTo(200 / 3, 9);
    expect(p).toMatchObject({ requests: 30, services: 2 });
    expect(p.share).toBeCloseTo(30 / 40, 12);
    expect(p.compliance).toEqual({ compliantMs: HOUR, measuredMs: 2 * HOUR, share: 0.5, buckets: 2, missed: 1 });
    expect(report.providers.map((x) => x.provider)).toEqual(["p", "q"]);
  });

  it("a workload counts only its own service's rows", () => {
    const chat = report.workloads.find((w) => w.service === "chat")!;
    // p: compliance 1, score 100, $0.01 per 1k tokens → 10,000 per $; q: 5/10 errors → missed, compliance 0, score 0.
    expect(chat.candidates.map((c) => [c.rank, c.provider, c.eligibility, c.compliance, c.score])).toEqual([
      [1, "p", "meets-sla", 1, 100], [2, "q", "misses-sla", 0, 0],
    ]);
    expect(chat.candidates[0]!.scorePerDollar).toBeCloseTo(10_000, 6);
    expect(chat.candidates[0]!.share).toBeCloseTo(20 / 30, 12);
    const rag = report.workloads.find((w) => w.service === "rag")!;
    expect(rag.candidates.map((c) => [c.provider, c.eligibility, c.compliance, c.score])).toEqual([["p", "misses-sla", 0, 0]]);
  });
});
