import { DDSketch } from "@datadog/sketches-js";
import { decodeSketchBins } from "./sketch-decode.ts";
import { encodeSketchBins } from "./sketch-encode.ts";
import { RollupSketchStore } from "./sketch-store.ts";

// Latency quantiles (DESIGN.md §2): DDSketch with relative accuracy 0.01, mergeable across minutes, hours
// and days. The library's DDSketch does the mapping, the dense store and the quantile walk; merging and the
// byte form are done here because:
// - its `merge` drops a bin when the other sketch's highest key is 0 (a value of ≈ 1 ms: `secondKey || key`
//   treats key 0 as absent, leaving a NaN bin), and ignores the negative store;
// - its `toProto`/`fromProto` need protobufjs, which the package does not declare (see sketch-proto.ts).
// The protobuf form carries no count, sum, min or max: those live in their own rollup columns.

export type Sketch = DDSketch;

export const SKETCH_RELATIVE_ACCURACY = 0.01;

/**
 * Values below this count as zero. Latencies are in ms, so this is 1 µs; without it a value like 1e-9 would
 * stretch the dense store over a thousand empty bins between it and the real latencies.
 */
export const SKETCH_ZERO_THRESHOLD = 1e-3;

const REFERENCE = new DDSketch({ relativeAccuracy: SKETCH_RELATIVE_ACCURACY });
const GAMMA = REFERENCE.mapping.gamma;

export function createSketch(): Sketch {
  const sketch = new DDSketch({ relativeAccuracy: SKETCH_RELATIVE_ACCURACY });
  sketch.store = new RollupSketchStore();
  return sketch;
}

/** Adds a value ≥ 0 (the wire format guarantees it; anything else is a bug upstream). */
export function addToSketch(sketch: Sketch, value: number, weight = 1): void {
  if (!(value >= 0) || !Number.isFinite(value)) throw new RangeError(`A sketch takes finite values ≥ 0, got ${value}.`);
  sketch.accept(value < SKETCH_ZERO_THRESHOLD ? 0 : value, weight);
}

/** Adds every value of `source` to `target` (in place), bin by bin, so the store grows exactly as needed. */
export function mergeSketchInto(target: Sketch, source: Sketch): void {
  const { bins, offset } = source.store;
  for (let i = 0; i < bins.length; i++) {
    const count = bins[i]!;
    if (count > 0) target.store.add(i + offset, count);
  }
  target.zeroCount += source.zeroCount;
  target.count += source.zeroCount + source.store.count;
}

export function cloneSketch(sketch: Sketch): Sketch {
  const copy = createSketch();
  mergeSketchInto(copy, sketch);
  return copy;
}

/** Number of values in the sketch (zeros included). */
export function sketchCount(sketch: Sketch): number {
  return sketch.zeroCount + sketch.store.count;
}

/**
 * The value at quantile q ∈ [0, 1] — within 1 % of the sorted values' element at rank ⌊q·(n − 1)⌋ — or null
 * for an empty sketch.
 */
export function sketchQuantile(sketch: Sketch, q: number): number | null {
  if (sketchCount(sketch) === 0) return null;
  if (!(q >= 0 && q <= 1)) throw new RangeError(`A quantile is between 0 and 1, got ${q}.`);
  return sketch.getValueAtQuantile(q);
}

/** Protobuf bytes: contiguous bins (what sketches-js writes) or, when smaller, the sparse key→count map. */
export function encodeSketch(sketch: Sketch): Uint8Array {
  return encodeSketchBins(sketch.store.bins, sketch.store.offset, sketch.zeroCount, GAMMA);
}

export function decodeSketch(bytes: Uint8Array): Sketch {
  const decoded = decodeSketchBins(bytes);
  if (Math.abs(decoded.gamma - GAMMA) > 1e-12 || decoded.indexOffset !== 0 || decoded.interpolation !== 0) {
    throw new Error(`Unsupported DDSketch mapping (gamma ${decoded.gamma}, offset ${decoded.indexOffset}, interpolation ${decoded.interpolation}).`);
  }
  if (decoded.negative) throw new Error("DDSketch with negative values: rollup sketches only hold values ≥ 0.");
  const sketch = createSketch();
  fillStore(sketch, decoded.bins, decoded.offset);
  sketch.zeroCount = decoded.zeroCount;
  sketch.count = decoded.zeroCount + sketch.store.count;
  return sketch;
}

/** Sets the dense store from contiguous bins in one step (decode is on the ingest path: one per touched row). */
function fillStore(sketch: Sketch, contiguous: number[], offset: number): void {
  let first = 0;
  while (first < contiguous.length && !(contiguous[first]! > 0)) first++;
  if (first === contiguous.length) return;
  let last = contiguous.length - 1;
  while (!(contiguous[last]! > 0)) last--;
  const bins = first === 0 && last === contiguous.length - 1 ? contiguous : contiguous.slice(first, last + 1);
  let count = 0;
  for (let i = 0; i < bins.length; i++) {
    if (!(bins[i]! > 0)) bins[i] = 0;
    count += bins[i]!;
  }
  const store = sketch.store;
  store.bins = bins;
  store.offset = offset + first;
  store.minKey = offset + first;
  store.maxKey = offset + last;
  store.count = count;
}
