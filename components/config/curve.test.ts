import { describe, expect, test } from "vitest";
import { normalisationCurve, pointsFor, valueDots } from "./curve.ts";

describe("pointsFor", () => {
  test.each([
    // lower is better: latency.p95 good 1000, bad 5000
    [500, 1000, 5000, 100],
    [1000, 1000, 5000, 100],
    [3000, 1000, 5000, 50],
    [5000, 1000, 5000, 0],
    [9000, 1000, 5000, 0],
    // higher is better: relevance good 0.9, bad 0.6
    [0.75, 0.9, 0.6, 50],
    [0.95, 0.9, 0.6, 100],
    [0.5, 0.9, 0.6, 0],
  ])("value %d with good %d and bad %d earns %d points", (v, good, bad, expected) => {
    expect(pointsFor(v, good, bad)).toBeCloseTo(expected, 9);
  });
});

describe("normalisationCurve", () => {
  test("has no curve when the bounds are equal or not numbers", () => {
    expect(normalisationCurve(1, 1, [])).toBeNull();
    expect(normalisationCurve(Number.NaN, 1, [])).toBeNull();
  });

  test("runs flat, then linearly between the bounds, then flat, over a range that holds every value", () => {
    const result = normalisationCurve(1000, 5000, [200, 12_000])!;
    expect(result.domain[0]).toBe(0); // 200 − 10 % of 11,800 would be negative: a latency never is
    expect(result.domain[1]).toBeCloseTo(13_180, 6);
    expect(result.curve).toEqual([
      { x: 0, score: 100 }, { x: 1000, score: 100 }, { x: 5000, score: 0 }, { x: result.domain[1], score: 0 },
    ]);
  });

  test("higher-is-better bounds rise from bad to good", () => {
    const { curve } = normalisationCurve(0.9, 0.6, [])!;
    expect(curve.map((p) => p.score)).toEqual([0, 0, 100, 100]);
  });
});

test("valueDots skips hours without a value and places the others on the curve", () => {
  const dots = valueDots([{ at: "a", value: 3000 }, { at: "b", value: null }, { at: "c", value: 6000 }], 1000, 5000);
  expect(dots).toEqual([{ x: 3000, score: 50, at: "a" }, { x: 6000, score: 0, at: "c" }]);
});
