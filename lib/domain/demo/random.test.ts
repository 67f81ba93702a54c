import { describe, expect, it } from "vitest";
import { createRandom, hashSeed, Random, WeightedTable } from "./random.ts";

const draw = (rng: Random, n: number, f: (r: Random) => number): number[] => Array.from({ length: n }, () => f(rng));
const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

describe("Random", () => {
  it("is deterministic for a seed and differs between seeds", () => {
    const a = draw(createRandom(42, "svc", 7), 100, (r) => r.next());
    const b = draw(createRandom(42, "svc", 7), 100, (r) => r.next());
    const c = draw(createRandom(42, "svc", 8), 100, (r) => r.next());
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    expect(hashSeed("a", 1)).toBe(hashSeed("a", 1));
    expect(hashSeed("a", 1)).not.toBe(hashSeed("a1"));
  });

  it("draws uniforms in [0, 1) with the right mean", () => {
    const xs = draw(new Random(1), 20_000, (r) => r.next());
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(mean(xs)).toBeCloseTo(0.5, 2);
  });

  it("draws normals, lognormals and Poisson counts with the requested parameters", () => {
    const rng = new Random("dist");
    const normals = draw(rng, 20_000, (r) => r.normal(10, 2));
    const m = mean(normals);
    const sd = Math.sqrt(mean(normals.map((x) => (x - m) ** 2)));
    expect(m).toBeCloseTo(10, 1);
    expect(sd).toBeGreaterThan(1.9);
    expect(sd).toBeLessThan(2.1);

    const logs = draw(rng, 20_001, (r) => r.lognormal(500, 0.4)).sort((a, b) => a - b);
    expect(logs[10_000]).toBeGreaterThan(480);
    expect(logs[10_000]).toBeLessThan(520);
    expect(logs[0]).toBeGreaterThan(0);

    expect(mean(draw(rng, 20_000, (r) => r.poisson(3)))).toBeCloseTo(3, 1);
    expect(rng.poisson(0)).toBe(0);
  });

  it("draws integers within inclusive bounds and Bernoulli trials at their rate", () => {
    const rng = new Random(5);
    const ints = draw(rng, 5_000, (r) => r.int(3, 5));
    expect(new Set(ints)).toEqual(new Set([3, 4, 5]));
    expect(mean(draw(rng, 20_000, (r) => (r.bernoulli(0.2) ? 1 : 0)))).toBeCloseTo(0.2, 1);
  });

  it("samples weighted tables in proportion to their weights", () => {
    const rng = new Random(9);
    const table = WeightedTable.fromRecord({ a: 1, b: 3, never: 0 });
    const counts = { a: 0, b: 0, never: 0 };
    for (let i = 0; i < 20_000; i++) counts[table.sample(rng)]++;
    expect(counts.never).toBe(0);
    expect(counts.b / counts.a).toBeGreaterThan(2.7);
    expect(counts.b / counts.a).toBeLessThan(3.3);
    expect(["x", "y"]).toContain(rng.pickWeighted({ x: 1, y: 1 }));
    expect(() => WeightedTable.fromRecord({ a: 0 })).toThrow();
    expect(() => rng.pick([])).toThrow();
  });
});
