import { describe, expect, it } from "vitest";
import {
  addToSketch, cloneSketch, createSketch, decodeSketch, encodeSketch, mergeSketchInto, sketchCount, sketchQuantile,
  type Sketch,
} from "./sketch.ts";
import { normal, seededRandom } from "./testing.ts";

function sketchOf(values: readonly number[]): Sketch {
  const s = createSketch();
  for (const v of values) addToSketch(s, v);
  return s;
}

/** The sketch's reference: the sorted values' element at rank ⌊q·(n − 1)⌋. */
function exactQuantile(sorted: readonly number[], q: number): number {
  return sorted[Math.floor(q * (sorted.length - 1))]!;
}

describe("sketch", () => {
  it("round-trips through bytes, zeros included", () => {
    const s = sketchOf([0, 0, 1, 5, 250, 1000, 30_000]);
    const back = decodeSketch(encodeSketch(s));
    expect(sketchCount(back)).toBe(7);
    expect(back.zeroCount).toBe(2);
    for (const q of [0, 0.25, 0.5, 0.75, 1]) expect(sketchQuantile(back, q)).toBe(sketchQuantile(s, q));
    expect(Array.from(encodeSketch(back))).toEqual(Array.from(encodeSketch(s)));
  });

  it("keeps a sketch of only zeros, and an empty one", () => {
    const zeros = decodeSketch(encodeSketch(sketchOf([0, 0, 0])));
    expect(sketchCount(zeros)).toBe(3);
    expect(sketchQuantile(zeros, 0.99)).toBe(0);
    const empty = decodeSketch(encodeSketch(createSketch()));
    expect(sketchCount(empty)).toBe(0);
    expect(sketchQuantile(empty, 0.5)).toBeNull();
  });

  it("counts values below a microsecond as zero", () => {
    const s = sketchOf([1e-9, 0.0004, 2]);
    expect(s.zeroCount).toBe(2);
    expect(encodeSketch(s).length).toBeLessThan(80);
  });

  it("rejects negative and non-finite values", () => {
    expect(() => addToSketch(createSketch(), -1)).toThrow(RangeError);
    expect(() => addToSketch(createSketch(), Number.NaN)).toThrow(RangeError);
    expect(() => addToSketch(createSketch(), Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });

  it("merges a sketch whose highest value is ≈ 1 (where the library's own merge loses a bin)", () => {
    const target = sketchOf([0.001, 0.002]);
    mergeSketchInto(target, sketchOf([1, 0.05]));
    expect(sketchCount(target)).toBe(4);
    expect(target.store.bins.some(Number.isNaN)).toBe(false);
    expect(sketchQuantile(target, 1)).toBeCloseTo(1, 1);
  });

  it("merges decoded sketches, keeps working after decode, and leaves the source alone", () => {
    const a = decodeSketch(encodeSketch(sketchOf([10, 20, 30])));
    const b = decodeSketch(encodeSketch(sketchOf([0, 5000])));
    const copy = cloneSketch(b);
    mergeSketchInto(a, b);
    addToSketch(a, 0.5);
    addToSketch(a, 1e6);
    expect(sketchCount(a)).toBe(7);
    expect(sketchQuantile(a, 0)).toBe(0);
    expect(sketchQuantile(a, 1)! / 1e6).toBeCloseTo(1, 1);
    expect(Array.from(encodeSketch(b))).toEqual(Array.from(encodeSketch(copy)));
  });

  it("writes sparse sketches compactly", () => {
    // 100 ms and 10 s are 230 bins apart: contiguous would be ≈ 1.9 KB
    expect(encodeSketch(sketchOf([100, 10_000])).length).toBeLessThan(80);
  });

  const random = seededRandom(20261126);
  const lognormal = () => Math.exp(6 + 1.1 * normal(random));
  const bimodal = () => (random() < 0.7 ? Math.max(0, 200 + 20 * normal(random)) : 3000 + 300 * normal(random));

  it.each([
    ["lognormal", lognormal],
    ["bimodal", bimodal],
  ])("quantiles of 60 merged minute sketches are within 1 %% of the exact ones (%s)", (_name, draw) => {
    const all: number[] = [];
    const merged = createSketch();
    for (let minute = 0; minute < 60; minute++) {
      const values = Array.from({ length: 500 }, draw);
      all.push(...values);
      // Each minute goes through storage, as the rollups do.
      mergeSketchInto(merged, decodeSketch(encodeSketch(sketchOf(values))));
    }
    all.sort((x, y) => x - y);
    expect(sketchCount(merged)).toBe(30_000);
    for (const q of [0.5, 0.95, 0.99]) {
      const exact = exactQuantile(all, q);
      expect(Math.abs(sketchQuantile(merged, q)! - exact) / exact).toBeLessThanOrEqual(0.01);
    }
  });
});
