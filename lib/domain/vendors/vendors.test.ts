import { describe, expect, it } from "vitest";
import { addToSketch, createSketch, emptyAggregate, type RollupAggregate } from "../rollup/index.ts";
import { bucketMeets, compliance, figuresOf, toBuckets, type VendorRow } from "./figures.ts";
import { MIN_COMPLIANCE, rankFailover, scorePerDollar, type Candidate } from "./ranking.ts";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = Date.parse("2026-11-02T00:00:00Z");
const TARGET = { latencyP95Ms: 4000, maxErrorRate: 0.05 };

/** `n` events at `latencyMs` each, `errors` of them failed. */
function agg(n: number, latencyMs: number, errors = 0, extra: Partial<RollupAggregate> = {}): RollupAggregate {
  const a = { ...emptyAggregate(), count: n, errors, latencyCount: n, latencySum: n * latencyMs, latencySketch: createSketch() };
  addToSketch(a.latencySketch, latencyMs, n);
  return { ...a, ...extra };
}

describe("SLA compliance across a provider outage", () => {
  // Targets: p95 ≤ 4,000 ms, errors ≤ 5 %. The provider's rows:
  //   the day before (a day row, 24 h): 100 events at 800 ms, 1 error (1 %)   → met, 24 h
  //   hour 0: 10 events at 1,000 ms, no errors                                  → met, 1 h
  //   hour 1 (outage): 8 at 1,000 ms + 2 at 9,000 ms → p95 = 9,000 ms          → missed
  //   hour 2 (outage): 10 at 1,000 ms, 5 errors → 50 %                          → missed
  //   hour 3: no traffic                                                        → left out
  //   hour 4: 20 at 1,000 ms, 1 error → exactly 5 %                             → met (≤), 1 h
  //   hour 5, two minute rows: 10 at 1,000 ms (minute 0) and 10 at 9,000 ms (minute 30): merged into the
  //     hour, p95 = 9,000 ms                                                    → missed (either minute alone
  //     would be judged on its own numbers: minute 0 met)
  // Measured: 24 + 5 h = 29 h (hour 3 left out); compliant: 24 + 1 + 1 = 26 h; share 26 / 29 = 0.896551…
  const hourRow = (h: number, a: RollupAggregate): VendorRow => ({ tier: "hour", bucketStart: T0 + h * HOUR, agg: a });
  const hour1 = agg(10, 1000, 0, { latencySketch: agg(8, 1000).latencySketch });
  addToSketch(hour1.latencySketch!, 9000, 2); // 10 samples: 8 at 1,000 ms and 2 at 9,000 ms
  const rows: VendorRow[] = [
    { tier: "day", bucketStart: T0 - DAY, agg: agg(100, 800, 1) },
    hourRow(0, agg(10, 1000)),
    hourRow(1, hour1),
    hourRow(2, agg(10, 1000, 5)),
    hourRow(3, emptyAggregate()),
    hourRow(4, agg(20, 1000, 1)),
    { tier: "minute", bucketStart: T0 + 5 * HOUR, agg: agg(10, 1000) },
    { tier: "minute", bucketStart: T0 + 5 * HOUR + 30 * 60_000, agg: agg(10, 9000) },
  ];

  it("merges minute rows into their hour and keeps day rows whole", () => {
    const buckets = toBuckets(rows);
    expect(buckets.map((b) => [(b.start - T0) / HOUR, b.lengthMs / HOUR, b.agg.count])).toEqual([
      [-24, 24, 100], [0, 1, 10], [1, 1, 10], [2, 1, 10], [3, 1, 0], [4, 1, 20], [5, 1, 20],
    ]);
    expect(bucketMeets(rows[6]!.agg, TARGET)).toBe(true);
    expect(buckets.map((b) => bucketMeets(b.agg, TARGET))).toEqual([true, true, false, false, null, true, false]);
  });

  it("is the share of measured time that met both targets, hours without traffic left out", () => {
    const c = compliance(toBuckets(rows), TARGET);
    expect(c).toEqual({ compliantMs: 26 * HOUR, measuredMs: 29 * HOUR, share: 26 / 29, buckets: 6, missed: 3 });
    expect(c.share).toBeCloseTo(0.8966, 4);
  });

  it("a looser target turns the outage hours compliant; no traffic at all has no share", () => {
    expect(compliance(toBuckets(rows), { latencyP95Ms: 10_000, maxErrorRate: 0.5 }).share).toBe(1);
    expect(compliance(toBuckets([hourRow(0, emptyAggregate())]), TARGET)).toEqual({ compliantMs: 0, measuredMs: 0, share: null, buckets: 0, missed: 0 });
  });

  it("a bucket without latency samples is judged on errors alone", () => {
    expect(bucketMeets({ ...emptyAggregate(), count: 10, errors: 0 }, TARGET)).toBe(true);
    expect(bucketMeets({ ...emptyAggregate(), count: 10, errors: 1 }, TARGET)).toBe(false);
  });
});

describe("figuresOf", () => {
  it("cost per 1,000 tokens, error rate and p95 of a merged period", () => {
    // 40 events, 2 errors; 30,000 input + 10,000 output tokens for $0.80 → $0.02 per 1k tokens.
    const f = figuresOf(agg(40, 2000, 2, { costCount: 38, costSum: 0.8, tokensCount: 40, inputTokens: 30_000, outputTokens: 10_000 }));
    expect(f.errorRate).toBe(0.05);
    expect(f.costPer1kTokens).toBeCloseTo(0.02, 12);
    expect(f.p95LatencyMs).toBeGreaterThan(1980);
    expect(f.p95LatencyMs).toBeLessThan(2020);
    expect(figuresOf(emptyAggregate())).toMatchObject({ errorRate: null, p95LatencyMs: null, costPer1kTokens: null });
  });
});

describe("rankFailover", () => {
  const c = (provider: string, score: number | null, cost: number | null, compliance: number | null, hasTarget = true): Candidate => ({
    provider, score, costPer1kTokens: cost, compliance, hasTarget,
  });

  it("score per dollar is score ÷ USD per 1k tokens, null without a positive cost or a score", () => {
    expect(scorePerDollar(90, 0.01)).toBeCloseTo(9000, 9);
    expect(scorePerDollar(90, 0)).toBeNull();
    expect(scorePerDollar(null, 0.01)).toBeNull();
  });

  it("ranks those meeting the SLA by score per dollar, then the rest by compliance, ties sharing a rank", () => {
    // Per dollar: openai 80 / 0.01 = 8,000; google 40 / 0.005 = 8,000 (tie, lower score listed second);
    // mistral 90 / 0.02 = 4,500. anthropic misses (0.917 < 0.99) despite 95 / 0.005 = 19,000; cohere has no
    // target; meta has compliance exactly at the minimum and meets it.
    const ranked = rankFailover([
      c("anthropic", 95, 0.005, 22 / 24),
      c("google", 40, 0.005, 1),
      c("mistral", 90, 0.02, 1),
      c("openai", 80, 0.01, 0.995),
      c("cohere", 99, 0.001, null, false),
      c("meta", 10, 0.01, MIN_COMPLIANCE),
      c("bedrock", 70, null, 1),
    ]);
    expect(ranked.map((r) => [r.rank, r.provider, r.eligibility])).toEqual([
      [1, "openai", "meets-sla"],
      [1, "google", "meets-sla"],
      [3, "mistral", "meets-sla"],
      [4, "meta", "meets-sla"],
      [5, "bedrock", "meets-sla"],
      [6, "anthropic", "misses-sla"],
      [7, "cohere", "no-target"],
    ]);
    expect(ranked[0]!.scorePerDollar).toBeCloseTo(8000, 6);
    expect(ranked[3]!.scorePerDollar).toBeCloseTo(1000, 6);
    expect(ranked[4]!.scorePerDollar).toBeNull();
  });

  it("equal figures all round are ordered by name and share the rank", () => {
    const ranked = rankFailover([c("b", 50, 0.01, 1), c("a", 50, 0.01, 1)]);
    expect(ranked.map((r) => [r.rank, r.provider])).toEqual([[1, "a"], [1, "b"]]);
  });
});
