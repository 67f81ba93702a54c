import { describe, expect, it } from "vitest";
import { cosineDistance, embeddingDrift, PSI_EPSILON, populationStabilityIndex } from "./drift.ts";

// Expected values are computed here from the definitions (DESIGN.md §4), not taken from the code:
//   PSI = Σ (pᵢ − qᵢ)·ln(pᵢ/qᵢ), zero shares → ε = 1e-4; cosine distance = 1 − a·b / (|a|·|b|).

const ε = 1e-4;
const psiTerm = (p: number, q: number) => (p - q) * Math.log(p / q);

describe("populationStabilityIndex", () => {
  it("uses ε = 1e-4", () => expect(PSI_EPSILON).toBe(ε));

  it("is 0 for the same distribution at any scale", () => {
    expect(populationStabilityIndex({ a: 2, b: 6 }, { a: 25, b: 75 })).toBe(0);
  });

  it("counts a value the baseline never saw in an extra bin smoothed with ε", () => {
    // p = a .4, b .3, c .2, unseen .1; q = a .5, b .3, c .2, unseen 0 → ε
    // (.4 − .5)·ln(.4/.5) = 0.0223144; (.1 − ε)·ln(.1/ε) = .0999·ln 1000 = 0.6900848; b and c add 0 → 0.7123991
    const psi = populationStabilityIndex({ a: 40, b: 30, c: 20, d: 10 }, { a: 50, b: 30, c: 20 });
    expect(psi).toBeCloseTo(psiTerm(0.4, 0.5) + psiTerm(0.1, ε), 12);
    expect(psi).toBeCloseTo(0.7123991, 6);
  });

  it("smooths a baseline bin the window lacks", () => {
    // bins from the baseline: a, b. p = a 1, b 0 → ε; q = a .5, b .5
    // (1 − .5)·ln(1/.5) + (ε − .5)·ln(ε/.5) = .5·0.6931472 + 0.4999·8.5171932 = 0.3465736 + 4.2577448 = 4.6043184
    const psi = populationStabilityIndex({ a: 10 }, { a: 5, b: 5 });
    expect(psi).toBeCloseTo(psiTerm(1, 0.5) + psiTerm(ε, 0.5), 12);
    expect(psi).toBeCloseTo(4.6043184, 6);
  });

  it("is symmetric when both sides have the same bins", () => {
    // p = .2, .8; q = .6, .4: (−.4)·ln(1/3) + (.4)·ln 2 = .4394449 + .2772589 = 0.7167038
    const forward = populationStabilityIndex({ x: 1, y: 4 }, { x: 3, y: 2 });
    expect(forward).toBeCloseTo(psiTerm(0.2, 0.6) + psiTerm(0.8, 0.4), 12);
    expect(forward).toBeCloseTo(0.7167038, 6);
    expect(populationStabilityIndex({ x: 3, y: 2 }, { x: 1, y: 4 })).toBeCloseTo(forward!, 12);
  });

  it("is null when either side is empty", () => {
    expect(populationStabilityIndex({}, { a: 1 })).toBeNull();
    expect(populationStabilityIndex({ a: 1 }, {})).toBeNull();
  });
});

describe("cosine distance and embedding drift", () => {
  it.each([
    [[1, 0], [1, 0], 0],
    [[1, 2], [2, 4], 0], // same direction, any length
    [[1, 0], [0, 1], 1], // orthogonal: cos 0
    [[1, 0], [-1, 0], 2], // opposite: cos −1
    [[1, 0], [1, 1], 1 - 1 / Math.SQRT2], // cos 45° = 1/√2 → 0.2928932
  ])("cosineDistance(%j, %j) = %d", (a, b, d) => expect(cosineDistance(a, b)).toBeCloseTo(d, 12));

  it("has no value for mismatched or zero vectors", () => {
    expect(cosineDistance([1, 0], [1, 0, 0])).toBeNull();
    expect(cosineDistance([0, 0], [1, 0])).toBeNull();
    expect(cosineDistance([], [])).toBeNull();
  });

  it("compares centroids (sum / count)", () => {
    // window centroid [3, 3]/3 = [1, 1]; baseline [4, 0]/2 = [2, 0]: cos = 2/(√2·2) = 1/√2
    expect(embeddingDrift({ sum: [3, 3], count: 3 }, { sum: [4, 0], count: 2 })).toBeCloseTo(1 - 1 / Math.SQRT2, 12);
    expect(embeddingDrift({ sum: [], count: 0 }, { sum: [4, 0], count: 2 })).toBeNull();
  });
});
