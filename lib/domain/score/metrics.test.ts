import { describe, expect, it } from "vitest";
import type { TelemetryEvent } from "../event.ts";
import { addEvent, emptyAggregate, type RollupAggregate } from "../rollup/aggregate.ts";
import { addToSketch, createSketch, decodeSketch, encodeSketch } from "../rollup/sketch.ts";
import { makeEvent, normal, seededRandom } from "../rollup/testing.ts";
import { DAY_MS, MINUTE_MS } from "../rollup/tiers.ts";
import { computeMetric, computeMetrics, driftBaselineRange, mergeWindow, type MetricSource } from "./metrics.ts";

const at = new Date("2026-11-20T10:00:00Z");
const ev = (eventId: string, o: Partial<TelemetryEvent>) => makeEvent({ eventId, timestamp: at, ...o });

// Three events, worked by hand below.
const e1 = ev("e1", {
  model: "gpt-4o", provider: "openai", latencyMs: 100, ttftMs: 40, costUsd: 0.01, inputTokens: 100, outputTokens: 50,
  evals: { relevance: 0.9, hallucination: false }, feedback: { thumbs_up: 1 }, outcomes: { ticket_resolved: true },
  retrieval: { precision: 0.8, score: 0.6 }, embedding: [1, 0], attributes: { language: "en" },
});
const e2 = ev("e2", {
  status: "error", latencyMs: 300, inputTokens: 200,
  evals: { relevance: 0.6, hallucination: true }, outcomes: { ticket_resolved: false }, embedding: [0, 1], attributes: { language: "de" },
});
const e3 = ev("e3", {
  model: "gpt-4o", provider: "openai", latencyMs: 200, ttftMs: 60, costUsd: 0.03, inputTokens: 100, outputTokens: 150,
  feedback: { thumbs_up: 0, csat: 4 }, retrieval: { precision: 0.4 }, embedding: [1, 1], attributes: { language: "en" },
});
const baselineEvents = [
  ev("b1", { embedding: [1, 0], attributes: { language: "en" } }), ev("b2", { embedding: [1, 0], attributes: { language: "en" } }),
  ev("b3", { attributes: { language: "en" } }), ev("b4", { attributes: { language: "fr" } }),
];

function aggregateOf(events: readonly TelemetryEvent[]): RollupAggregate {
  const agg = emptyAggregate();
  for (const e of events) addEvent(agg, e);
  return agg;
}

const window = aggregateOf([e1, e2, e3]);
window.rejected = 1; // the db layer sets this on the all-traffic row
const source: MetricSource = { window, windowMs: 5 * MINUTE_MS, baseline: aggregateOf(baselineEvents) };
const ε = 1e-4;
const psiTerm = (p: number, q: number) => (p - q) * Math.log(p / q);

describe("metrics of three events", () => {
  it.each([
    ["error.rate", 1 / 3, 3], // one error of three; every event counts
    ["throughput.rpm", 0.6, 3], // 3 events / 5 minutes
    ["latency.mean", 200, 3], // (100 + 300 + 200) / 3
    ["cost.per_request", 0.02, 2], // (0.01 + 0.03) / 2: e2 carries no cost
    ["cost.total", 0.04, 2],
    ["tokens.per_request", 200, 3], // (150 + 200 + 250) / 3; e2's missing output counts as 0
    ["eval.relevance.mean", 0.75, 2], // (0.9 + 0.6) / 2
    ["eval.hallucination.mean", 0.5, 2], // false, true → the hallucination rate 1/2
    ["feedback.thumbs_up.mean", 0.5, 2], // (1 + 0) / 2
    ["feedback.csat.mean", 4, 1],
    ["outcome.ticket_resolved.rate", 0.5, 2], // true, false
    ["retrieval.precision.mean", 0.6, 2], // (0.8 + 0.4) / 2
    ["retrieval.score.mean", 0.6, 1],
    ["quality.rejected.rate", 0.25, 4], // 1 rejected / (3 accepted + 1 rejected)
    ["quality.missing.ttft_ms.rate", 1 / 3, 3], // e2 has no ttft
    ["quality.missing.model.rate", 1 / 3, 3],
    ["quality.missing.evals.rate", 1 / 3, 3], // e3 has no evals
    ["quality.missing.feedback.rate", 1 / 3, 3], // e2 has no feedback
    ["quality.missing.output_tokens.rate", 1 / 3, 3],
    // centroids [2, 2]/3 and [2, 0]/2 = [1, 0]: cos = (2/3)/(√(8/9)·1) = 1/√2 → 1 − 0.7071068
    ["drift.embedding", 1 - 1 / Math.SQRT2, 3],
    // window en 2/3, de 1/3 (unseen); baseline en 3/4, fr 1/4 → bins en, fr, unseen
    ["drift.language.psi", psiTerm(2 / 3, 3 / 4) + psiTerm(ε, 1 / 4) + psiTerm(1 / 3, ε), 3],
  ])("%s = %d on %d samples", (name, value, samples) => {
    const m = computeMetric(name, source);
    expect(m.samples).toBe(samples);
    expect(m.value).toBeCloseTo(value, 12);
  });

  it.each([
    // sorted 100, 200, 300: the sketch's rank ⌊q·(n − 1)⌋ is 1 for p50…p99 → 200, within 1 %
    ["latency.p50", 200, 3], ["latency.p90", 200, 3], ["latency.p99", 200, 3],
    // sorted 40, 60: rank ⌊0.5·1⌋ = ⌊0.95·1⌋ = 0 → 40
    ["ttft.p50", 40, 2], ["ttft.p95", 40, 2],
  ])("%s ≈ %d on %d samples (sketch, 1 %%)", (name, value, samples) => {
    const m = computeMetric(name, source);
    expect(m.samples).toBe(samples);
    expect(Math.abs(m.value! - value) / value).toBeLessThanOrEqual(0.01);
  });

  it("has no value where nothing carries the field", () => {
    expect(computeMetric("eval.toxicity.mean", source)).toEqual({ value: null, samples: 0 });
    expect(computeMetric("eval.constructor.mean", source)).toEqual({ value: null, samples: 0 });
    expect(computeMetric("drift.constructor.psi", source)).toEqual({ value: null, samples: 0 });
    expect(computeMetric("not.a.metric", source)).toEqual({ value: null, samples: 0 });
    // drift without a baseline: no value, but the window's samples
    expect(computeMetric("drift.embedding", { ...source, baseline: null })).toEqual({ value: null, samples: 3 });
  });

  it("gives an empty window zero throughput and zero cost, and no rates", () => {
    const empty: MetricSource = { window: emptyAggregate(), windowMs: 60 * MINUTE_MS };
    expect(computeMetrics(["throughput.rpm", "cost.total", "error.rate", "latency.p95", "quality.rejected.rate"], empty)).toEqual({
      "throughput.rpm": { value: 0, samples: 0 },
      "cost.total": { value: 0, samples: 0 },
      "error.rate": { value: null, samples: 0 },
      "latency.p95": { value: null, samples: 0 },
      "quality.rejected.rate": { value: null, samples: 0 },
    });
  });

  it("merges a window's rows without changing them", () => {
    const first = aggregateOf([e1]);
    const rest = aggregateOf([e2, e3]);
    const merged = mergeWindow([first, emptyAggregate(), rest]);
    expect(first.count).toBe(1);
    expect(rest.count).toBe(2);
    const split: MetricSource = { ...source, window: { ...merged, rejected: 1 } };
    for (const name of ["error.rate", "latency.mean", "cost.per_request", "eval.relevance.mean", "drift.language.psi"]) {
      expect(computeMetric(name, split)).toEqual(computeMetric(name, source));
    }
  });

  it("places the default drift baseline at the 7 days ending 1 day before the window's end", () => {
    const end = Date.UTC(2026, 10, 26, 12);
    expect(driftBaselineRange(end)).toEqual({ from: end - 8 * DAY_MS, to: end - DAY_MS });
  });
});

describe("latency quantiles from merged minute sketches", () => {
  const random = seededRandom(42);
  const lognormal = () => Math.exp(6 + 1.1 * normal(random));
  // two modes 15× apart: quantiles on either side of the gap must still land within 1 %
  const bimodal = () => (random() < 0.7 ? Math.max(1, 200 + 20 * normal(random)) : 3000 + 300 * normal(random));

  /** The sketch's reference quantile: the sorted values' element at rank ⌊q·(n − 1)⌋. */
  const exact = (sorted: Float64Array, q: number) => sorted[Math.floor(q * (sorted.length - 1))]!;

  it.each([
    ...[1, 7, 1000, 1_000_000].map((n) => ({ shape: "lognormal", n, draw: lognormal })),
    ...[1, 50, 100_000, 1_000_000].map((n) => ({ shape: "bimodal", n, draw: bimodal })),
  ])("$shape, $n samples: p50/p95/p99 within 1 %", ({ n, draw }) => {
    const values = new Float64Array(n);
    const minutes = Array.from({ length: 60 }, () => ({ agg: emptyAggregate(), sketch: createSketch() }));
    // Rows are built directly (not through addEvent) so a million samples stay well under a second.
    for (let i = 0; i < n; i++) {
      const v = draw();
      values[i] = v;
      const m = minutes[i % 60]!;
      addToSketch(m.sketch, v);
      m.agg.latencyCount += 1;
      m.agg.count += 1;
    }
    // Each minute goes through its stored bytes, as rollup rows do; empty minutes keep a null sketch.
    for (const m of minutes) if (m.agg.count > 0) m.agg.latencySketch = decodeSketch(encodeSketch(m.sketch));
    values.sort();
    const merged: MetricSource = { window: mergeWindow(minutes.map((m) => m.agg)), windowMs: 60 * MINUTE_MS };
    for (const [name, q] of [["latency.p50", 0.5], ["latency.p95", 0.95], ["latency.p99", 0.99]] as const) {
      const m = computeMetric(name, merged);
      expect(m.samples).toBe(n);
      const reference = exact(values, q);
      expect(Math.abs(m.value! - reference) / reference).toBeLessThanOrEqual(0.01);
    }
  });
});
