import { describe, expect, it } from "vitest";
import { addEvent, emptyAggregate, mergeAggregates, type RollupAggregate } from "./aggregate.ts";
import { foldEvents } from "./fold.ts";
import { sketchCount, sketchQuantile } from "./sketch.ts";
import { comparable, makeEvent, seededRandom } from "./testing.ts";

const at = (s: string) => new Date(`2026-11-20T10:${s}Z`);

const first = makeEvent({
  eventId: "e1", timestamp: at("15:30"), model: "gpt-4o", provider: "openai", latencyMs: 100, ttftMs: 40,
  inputTokens: 10, outputTokens: 20, costUsd: 0.5,
  evals: { relevance: 0.75, hallucination: false }, feedback: { thumbs_up: 1 }, outcomes: { resolved: true },
  retrieval: { precision: 0.5, score: 2, documentIds: ["d1"] }, embedding: [1, 2],
  attributes: { language: "de", temperature: 0.7 }, response: "héllo",
});
const second = makeEvent({
  eventId: "e2", timestamp: at("15:45"), status: "error", latencyMs: 300, outputTokens: 5,
  evals: { relevance: 0.25, hallucination: true }, outcomes: { resolved: false }, embedding: [3, 4],
  attributes: { language: "en", temperature: 1 }, response: "abc",
});

function aggregateOf(...events: Parameters<typeof addEvent>[1][]): RollupAggregate {
  const agg = emptyAggregate();
  for (const e of events) addEvent(agg, e);
  return agg;
}

describe("addEvent", () => {
  it("two events, worked by hand", () => {
    const agg = aggregateOf(first, second);
    expect(agg).toMatchObject({
      count: 2, errors: 1, rejected: 0,
      latencyCount: 2, latencySum: 400, latencyMin: 100, latencyMax: 300,
      ttftCount: 1, ttftSum: 40,
      costCount: 1, costSum: 0.5,
      // both carry tokens; the second has no input_tokens, which sums as 0
      tokensCount: 2, inputTokens: 10, outputTokens: 25,
    });
    expect({ ...agg.evals }).toEqual({ relevance: [1, 2], hallucination: [1, 2] }); // false = 0, true = 1
    expect({ ...agg.feedback }).toEqual({ thumbs_up: [1, 1] });
    expect({ ...agg.outcomes }).toEqual({ resolved: [1, 2] });
    expect({ ...agg.retrieval }).toEqual({ precision: [0.5, 1], score: [2, 1] });
    expect(agg.embedding).toEqual({ sum: [4, 6], count: 2 });
    expect(comparable(agg)).toMatchObject({
      histograms: {
        language: { de: 1, en: 1 },
        // 0.7 < 2^-0.5 ≈ 0.7071, so it falls in [2^-1, 2^-0.5); 1 opens [1, √2)
        temperature: { "≥0.5": 1, "≥1": 1 },
        // "héllo" is 5 characters: [4, 5.657); "abc" is 3: [2.828, 4)
        response_length: { "≥4": 1, "≥2.828": 1 },
      },
      missing: { ttft_ms: 1, cost_usd: 1, input_tokens: 1, model: 1, provider: 1, feedback: 1 },
    });
    expect(sketchCount(agg.latencySketch!)).toBe(2);
    expect(sketchQuantile(agg.latencySketch!, 1)).toBeCloseTo(300, -1);
  });

  it("an event with nothing optional is missing every field and adds no sketch", () => {
    const agg = aggregateOf(makeEvent({ eventId: "bare", timestamp: at("00:00") }));
    expect(agg.latencySketch).toBeNull();
    expect(agg.latencyMin).toBeNull();
    expect({ ...agg.missing }).toEqual({
      latency_ms: 1, ttft_ms: 1, model: 1, provider: 1, cost_usd: 1, input_tokens: 1, output_tokens: 1, evals: 1, feedback: 1,
    });
  });

  it("a latency of exactly 0 goes to the sketch's zero bucket", () => {
    const agg = aggregateOf(makeEvent({ eventId: "z", timestamp: at("00:00"), latencyMs: 0 }), makeEvent({ eventId: "y", timestamp: at("00:01"), latencyMs: 0 }));
    expect(agg).toMatchObject({ latencyCount: 2, latencySum: 0, latencyMin: 0, latencyMax: 0 });
    expect(agg.latencySketch!.zeroCount).toBe(2);
    expect(sketchQuantile(agg.latencySketch!, 0.5)).toBe(0);
  });

  it("keeps 32 attribute histograms (the first in code-unit order) besides the response length", () => {
    const attributes = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`a${String(39 - i).padStart(2, "0")}`, "x"]));
    const agg = aggregateOf(makeEvent({ eventId: "c", timestamp: at("00:00"), attributes, response: "hi" }));
    expect(Object.keys(agg.histograms)).toHaveLength(33);
    expect(agg.histograms.a31).toBeDefined();
    expect(agg.histograms.a32).toBeUndefined();
    expect({ ...agg.histograms.response_length }).toEqual({ "≥2": 1 });
  });

  it("names like __proto__ are ordinary keys", () => {
    const agg = aggregateOf(makeEvent({ eventId: "p", timestamp: at("00:00"), evals: JSON.parse('{"__proto__": 0.5}') }));
    expect(Object.keys(agg.evals)).toEqual(["__proto__"]);
    expect(JSON.parse(JSON.stringify(agg.evals))).toEqual(JSON.parse('{"__proto__": [0.5, 1]}'));
  });
});

/** Events with values that are exact in binary, so sums do not depend on the order of addition. */
function randomEvents(n: number, seed: number) {
  const random = seededRandom(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  return Array.from({ length: n }, (_, i) =>
    makeEvent({
      eventId: `r${seed}-${i}`,
      timestamp: new Date(Date.UTC(2026, 10, 20, 10, Math.floor(random() * 3), Math.floor(random() * 60))),
      status: random() < 0.1 ? "error" : "ok",
      latencyMs: random() < 0.9 ? Math.round(random() * 4000) / 4 : undefined,
      ttftMs: random() < 0.5 ? Math.round(random() * 800) / 8 : undefined,
      costUsd: random() < 0.8 ? Math.round(random() * 64) / 1024 : undefined,
      inputTokens: random() < 0.8 ? Math.floor(random() * 500) : undefined,
      model: pick(["a", "b", undefined]),
      provider: pick(["p", "q"]),
      segments: { region: pick(["eu", "us", "apac"]) },
      evals: random() < 0.7 ? { relevance: Math.round(random() * 4) / 4, toxic: random() < 0.1 } : {},
      attributes: { language: `lang-${Math.floor(random() * 70)}`, length: Math.floor(random() * 3000) },
      embedding: [Math.round(random() * 8) / 8, 1],
      response: "x".repeat(Math.floor(random() * 200)),
    }),
  );
}

describe("mergeAggregates", () => {
  const [a, b, c] = [1, 2, 3].map((seed) => aggregateOf(...randomEvents(80, seed))) as [RollupAggregate, RollupAggregate, RollupAggregate];

  it("is commutative and associative (histograms past their cap included)", () => {
    expect(Object.keys(mergeAggregates(a, b).histograms.language!).length).toBe(51); // 50 values + (other)
    expect(comparable(mergeAggregates(a, b))).toEqual(comparable(mergeAggregates(b, a)));
    expect(comparable(mergeAggregates(mergeAggregates(a, b), c))).toEqual(comparable(mergeAggregates(a, mergeAggregates(b, c))));
  });

  it("has the empty aggregate as identity and leaves its inputs alone", () => {
    const before = comparable(a);
    expect(comparable(mergeAggregates(a, emptyAggregate()))).toEqual(before);
    expect(comparable(mergeAggregates(emptyAggregate(), a))).toEqual(before);
    mergeAggregates(a, b);
    expect(comparable(a)).toEqual(before);
  });

  it("merging the aggregates of two halves equals aggregating all events", () => {
    const events = randomEvents(200, 7);
    const whole = aggregateOf(...events);
    const halves = mergeAggregates(aggregateOf(...events.slice(0, 73)), aggregateOf(...events.slice(73)));
    expect(comparable(halves)).toEqual(comparable(whole));
  });

  it("folding in two batches merges to the same rows as one batch", () => {
    const events = randomEvents(200, 11);
    const once = foldEvents(events);
    const split = foldEvents(events.slice(0, 120));
    for (const [id, entry] of foldEvents(events.slice(120))) {
      const existing = split.get(id);
      split.set(id, existing ? { key: entry.key, agg: mergeAggregates(existing.agg, entry.agg) } : entry);
    }
    expect([...split.keys()].sort()).toEqual([...once.keys()].sort());
    for (const [id, entry] of once) expect(comparable(split.get(id)!.agg)).toEqual(comparable(entry.agg));
  });
});
