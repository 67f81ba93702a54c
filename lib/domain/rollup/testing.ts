import type { TelemetryEvent } from "../event.ts";
import type { RollupAggregate } from "./aggregate.ts";
import { encodeSketch } from "./sketch.ts";

// Helpers for tests of rollups (unit and integration): events with defaults, a deterministic random source,
// and a comparable form of an aggregate.

export function makeEvent(overrides: Partial<TelemetryEvent> & { eventId: string; timestamp: Date }): TelemetryEvent {
  return { status: "ok", segments: {}, evals: {}, feedback: {}, outcomes: {}, retrieval: {}, attributes: {}, ...overrides };
}

/** mulberry32: a small seeded PRNG, so statistical tests see the same numbers every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function normal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/**
 * An aggregate as plain data: sketches as their bytes (two sketches holding the same values can differ in
 * how their dense stores are padded), records as sorted plain objects.
 */
export function comparable(agg: RollupAggregate): unknown {
  const sorted = (r: object): unknown =>
    Object.fromEntries(
      Object.entries(r)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => [k, v !== null && typeof v === "object" && !Array.isArray(v) ? sorted(v as object) : v]),
    );
  return sorted({
    ...agg,
    latencySketch: agg.latencySketch ? Array.from(encodeSketch(agg.latencySketch)) : null,
    ttftSketch: agg.ttftSketch ? Array.from(encodeSketch(agg.ttftSketch)) : null,
  });
}
