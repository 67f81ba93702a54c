import { describe, expect, it } from "vitest";
import { addToSketch, createSketch, decodeSketch, encodeSketch, sketchCount, type Sketch } from "./sketch.ts";
import { decodeSketchBins } from "./sketch-decode.ts";
import { decodeProtoSketch, encodeProtoSketch, type ProtoSketch, type ProtoStore } from "./sketch-proto.ts";
import { seededRandom } from "./testing.ts";

// The one-pass codec of rollup sketches against the general protobuf codec (sketch-proto.ts).

const GAMMA = createSketch().mapping.gamma;
const emptyStore = (): ProtoStore => ({ contiguous: [], offset: 0, sparse: new Map() });

/** The general writer with the same contiguous-or-sparse choice: the bytes rows were stored with. */
function referenceBytes(sketch: Sketch): Uint8Array {
  const { bins, offset } = sketch.store;
  const nonZero = bins.map((c, i) => [i, c] as const).filter(([, c]) => c > 0);
  const first = nonZero[0]?.[0] ?? -1;
  const last = nonZero.at(-1)?.[0] ?? -1;
  const positive = emptyStore();
  if (nonZero.length * 13 < (last - first + 1) * 8) for (const [i, c] of nonZero) positive.sparse.set(i + offset, c);
  else if (first >= 0) Object.assign(positive, { contiguous: bins.slice(first, last + 1), offset: first + offset });
  return encodeProtoSketch({ gamma: GAMMA, indexOffset: 0, interpolation: 0, positive, negative: emptyStore(), zeroCount: sketch.zeroCount });
}

/** key → count of a store as the general decoder reads it. */
function countsOf(store: ProtoStore): Map<number, number> {
  const counts = new Map<number, number>();
  store.contiguous.forEach((c, i) => c !== 0 && counts.set(store.offset + i, (counts.get(store.offset + i) ?? 0) + c));
  for (const [key, c] of store.sparse) counts.set(key, (counts.get(key) ?? 0) + c);
  return counts;
}

function binCounts(bins: number[], offset: number): Map<number, number> {
  return new Map(bins.flatMap((c, i) => (c !== 0 ? [[offset + i, c] as const] : [])));
}

function sketchOf(values: readonly number[]): Sketch {
  const s = createSketch();
  for (const v of values) addToSketch(s, v);
  return s;
}

const random = seededRandom(42);
const cases: [string, number[]][] = [
  ["empty", []],
  ["zeros only", [0, 0, 0]],
  ["one value", [812.5]],
  ["values below 1 ms (negative keys)", [0.002, 0.01, 0.5, 0.9]],
  ["dense latencies", Array.from({ length: 500 }, () => 200 + random() * 400)],
  ["sparse outliers", [1, 30_000, 0.004, 1e7, 0]],
  ["many weighted bins", Array.from({ length: 3_000 }, () => Math.exp(random() * 20))],
];

describe("encodeSketch", () => {
  it.each(cases)("writes the same bytes as the general protobuf writer: %s", (_, values) => {
    const sketch = sketchOf(values);
    expect(Array.from(encodeSketch(sketch))).toEqual(Array.from(referenceBytes(sketch)));
    expect(sketchCount(decodeSketch(encodeSketch(sketch)))).toBe(values.length);
  });

  it("returns a copy: encoding the next sketch does not change earlier bytes", () => {
    const first = encodeSketch(sketchOf([5, 6, 7]));
    const copy = Array.from(first);
    encodeSketch(sketchOf(Array.from({ length: 2_000 }, (_, i) => i + 1)));
    expect(Array.from(first)).toEqual(copy);
  });
});

describe("decodeSketchBins", () => {
  it("reads what the general decoder reads: sparse and contiguous counts mixed, repeated keys adding up", () => {
    for (let n = 0; n < 200; n++) {
      const positive = emptyStore();
      const keys = Math.floor(random() * 20);
      for (let k = 0; k < keys; k++) positive.sparse.set(Math.floor(random() * 400) - 200, 1 + Math.floor(random() * 5));
      if (random() < 0.6) {
        positive.contiguous = Array.from({ length: Math.floor(random() * 30) }, () => (random() < 0.3 ? 0 : Math.floor(random() * 9)));
        positive.offset = Math.floor(random() * 400) - 200;
      }
      const message: ProtoSketch = { gamma: GAMMA, indexOffset: 0, interpolation: 0, positive, negative: emptyStore(), zeroCount: Math.floor(random() * 4) };
      const bytes = encodeProtoSketch(message);
      const general = decodeProtoSketch(bytes);
      const fast = decodeSketchBins(bytes);
      expect(binCounts(fast.bins, fast.offset)).toEqual(countsOf(general.positive));
      expect({ gamma: fast.gamma, zeroCount: fast.zeroCount, negative: fast.negative }).toEqual({ gamma: general.gamma, zeroCount: general.zeroCount, negative: false });
    }
  });

  it("reads unpacked contiguous counts, fields in any order, and unknown fields", () => {
    const double = (v: number) => Array.from(new Uint8Array(Float64Array.of(v).buffer));
    // store: offset 3 (sint32 → 6) first, then two unpacked counts (field 2, wire I64), then an unknown varint field 7.
    const store = [0x18, 6, 0x11, ...double(2), 0x11, ...double(5), 0x38, 1];
    const mapping = [0x18, 0, 0x09, ...double(GAMMA)];
    const bytes = Uint8Array.from([0x21, ...double(4), 0x12, store.length, ...store, 0x0a, mapping.length, ...mapping]);
    const decoded = decodeSketchBins(bytes);
    expect(binCounts(decoded.bins, decoded.offset)).toEqual(new Map([[3, 2], [4, 5]]));
    expect(decoded).toMatchObject({ gamma: GAMMA, zeroCount: 4, negative: false });
    expect(sketchCount(decodeSketch(bytes))).toBe(11);
  });

  it("flags a negative store and rejects truncated bytes", () => {
    const negative: ProtoStore = { contiguous: [1], offset: 0, sparse: new Map() };
    const bytes = encodeProtoSketch({ gamma: GAMMA, indexOffset: 0, interpolation: 0, positive: emptyStore(), negative, zeroCount: 0 });
    expect(decodeSketchBins(bytes).negative).toBe(true);
    expect(() => decodeSketch(bytes)).toThrow(/negative/);
    const valid = encodeSketch(sketchOf([1, 2, 3]));
    expect(() => decodeSketchBins(valid.subarray(0, valid.length - 3))).toThrow(/truncated/);
  });
});
