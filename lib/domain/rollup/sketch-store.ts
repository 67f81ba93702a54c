import { DDSketch } from "@datadog/sketches-js";

// The dense store of rollup sketches. The library's DenseStore grows by 128-bin chunks and re-centres its array
// on every growth (slice, then unshift of a fresh zero array): fine for one long-lived sketch, but a rollup
// row holds a few values (a minute of one segment averages two) and ingest builds hundreds of thousands of
// these, so that was a measurable share of the seed. This one grows once per extension, by a small chunk on
// the side that grew, and keeps the library's layout (bins[key - offset], minKey, maxKey, count), which
// everything else — the quantile walk, merge and the codec — reads.

type LibraryStore = DDSketch["store"];
const LibraryDenseStore = new DDSketch().store.constructor as new (chunkSize?: number) => LibraryStore;

/** Spare bins added beyond the keys that forced a growth. */
const CHUNK = 16;

export class RollupSketchStore extends LibraryDenseStore {
  constructor() {
    super(CHUNK);
  }

  /** Makes bins cover [min(key, secondKey, minKey), max(…)], copying the counts once. */
  override _extendRange(key: number, secondKey: number = key): void {
    const lo = Math.min(key, secondKey, this.minKey);
    const hi = Math.max(key, secondKey, this.maxKey);
    const start = this.offset;
    const end = this.offset + this.bins.length;
    if (this.bins.length > 0 && lo >= start && hi < end) {
      this.minKey = lo;
      this.maxKey = hi;
      return;
    }
    const empty = this.bins.length === 0;
    const newStart = empty ? lo - CHUNK / 2 : lo < start ? lo - CHUNK : start;
    const newEnd = empty ? hi + 1 + CHUNK / 2 : hi >= end ? hi + 1 + CHUNK : end;
    const bins = new Array<number>(newEnd - newStart).fill(0);
    for (let i = 0; i < this.bins.length; i++) bins[start - newStart + i] = this.bins[i]!;
    this.bins = bins;
    this.offset = newStart;
    this.minKey = lo;
    this.maxKey = hi;
  }
}
