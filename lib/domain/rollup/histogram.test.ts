import { describe, expect, it } from "vitest";
import {
  addToHistogram, dict, MAX_HISTOGRAM_ATTRIBUTES, mergeHistogramInto, mergeHistogramsInto, NUMERIC_BIN_EDGES, numericBin,
  OTHER, RESPONSE_LENGTH, responseLength, type Histogram, type Histograms,
} from "./histogram.ts";

describe("numeric bins", () => {
  it("has 0, then powers of √2 from 2^-10 to 2^30", () => {
    expect(NUMERIC_BIN_EDGES).toHaveLength(82);
    expect(NUMERIC_BIN_EDGES[0]).toBe(0);
    expect(NUMERIC_BIN_EDGES[1]).toBe(2 ** -10);
    expect(NUMERIC_BIN_EDGES.at(-1)).toBe(2 ** 30);
  });

  it.each([
    [-1, "<0"],
    [0, "≥0"],
    [0.0005, "≥0"],
    [2 ** -10, "≥0.0009766"],
    [1, "≥1"],
    [1.414, "≥1"], // √2 = 1.41421…
    [Math.SQRT2, "≥1.414"],
    [2, "≥2"],
    [1000, "≥724.1"], // 2^9.5 ≈ 724.08 ≤ 1000 < 1024
    [1e9, "≥759300000"], // 2^29.5 ≈ 7.59e8
    [5e9, "≥1074000000"], // the last bin is open-ended
  ])("%d → %s", (value, label) => {
    expect(numericBin(value)).toBe(label);
  });

  it("measures responses in characters, as stored (8 KiB of UTF-8)", () => {
    expect(responseLength("héllo")).toBe(5);
    expect(responseLength("😀😀")).toBe(2);
    expect(responseLength("a".repeat(20_000))).toBe(8192);
  });
});

describe("dict", () => {
  it("inherits nothing: names of Object.prototype's members and __proto__ are ordinary keys", () => {
    const h = dict<number>(JSON.parse('{"__proto__": 2}') as Record<string, number>);
    for (const name of ["toString", "constructor", "hasOwnProperty", "__proto__"]) addToHistogram(h, name);
    expect({ ...h }).toEqual(JSON.parse('{"__proto__": 3, "toString": 1, "constructor": 1, "hasOwnProperty": 1}'));
    expect("valueOf" in h).toBe(false);
    expect(JSON.stringify(h)).toBe('{"__proto__":3,"toString":1,"constructor":1,"hasOwnProperty":1}');
  });
});

const values = (n: number) => Array.from({ length: n }, (_, i) => `v${String(i).padStart(2, "0")}`);

describe("string values past the cap", () => {
  it("keeps the 50 first in code-unit order and counts the rest as (other)", () => {
    const h = dict<number>();
    for (const v of values(60).reverse()) addToHistogram(h, v, 2);
    expect(Object.keys(h)).toHaveLength(51);
    expect(h.v49).toBe(2);
    expect(h.v50).toBeUndefined();
    expect(h[OTHER]).toBe(20);
  });

  it("do not count numeric bins against the cap", () => {
    const h = dict<number>();
    for (const v of values(50)) addToHistogram(h, v);
    addToHistogram(h, numericBin(3));
    expect(h[OTHER]).toBeUndefined();
    expect(h["≥2.828"]).toBe(1);
  });

  it("give the same histogram whatever the order and grouping of merges", () => {
    const parts: Histogram[] = [0, 1, 2].map((k) => {
      const h = dict<number>();
      for (const v of values(70).filter((_, i) => i % 3 === k || i % 7 === 0)) addToHistogram(h, v, k + 1);
      return h;
    });
    const merge = (...hs: Histogram[]) => {
      const out = dict<number>();
      for (const h of hs) mergeHistogramInto(out, h);
      return { ...out };
    };
    const [a, b, c] = parts as [Histogram, Histogram, Histogram];
    const abc = merge(a, b, c);
    expect(merge(c, b, a)).toEqual(abc);
    expect(merge(a, merge(b, c))).toEqual(abc);
    expect(merge(merge(c, a), b)).toEqual(abc);
    expect(Object.values(abc).reduce((x, y) => x + y, 0)).toBe(Object.values(merge(a)).concat(Object.values(merge(b)), Object.values(merge(c))).reduce((x, y) => x + y, 0));
  });
});

describe("attributes past the cap", () => {
  it("keeps the first 32 names in code-unit order, plus the response length", () => {
    const target: Histograms = dict();
    const source: Histograms = dict();
    for (let i = 0; i < 40; i++) source[`a${String(i).padStart(2, "0")}`] = dict({ x: 1 });
    source[RESPONSE_LENGTH] = dict({ "≥4": 1 });
    mergeHistogramsInto(target, source);
    expect(Object.keys(target)).toHaveLength(MAX_HISTOGRAM_ATTRIBUTES + 1);
    expect(target.a31).toBeDefined();
    expect(target.a32).toBeUndefined();
    expect(target[RESPONSE_LENGTH]).toBeDefined();
  });
});
