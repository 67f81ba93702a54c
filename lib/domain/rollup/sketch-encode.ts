// The byte form of a rollup sketch, written in one pass. Every touched rollup row is re-encoded on each ingest
// batch (two sketches a row), so this is on the hot path: the general protobuf writer (sketch-proto.ts) built
// nested messages in growing buffers and took ≈ 9 µs a sketch; this measures the message first and writes it
// into a reused scratch buffer. The bytes are the same as encodeProtoSketch's for the same choices (a test
// checks), which keeps the decoder, and every stored row, as they were:
//
//   DDSketch { mapping = 1 {gamma, indexOffset 0, interpolation 0}; positiveValues = 2; negativeValues = 3 (empty);
//              zeroCount = 4 }, a store being sparse entries {sint32 key = 1; double count = 2} or packed
//              contiguous counts, then its sint32 offset.

let scratch = new Uint8Array(4096);
let view = new DataView(scratch.buffer);
let pos = 0;

const zigzag = (v: number) => ((v << 1) ^ (v >> 31)) >>> 0;
const varintSize = (v: number) => (v < 0x80 ? 1 : v < 0x4000 ? 2 : v < 0x200000 ? 3 : v < 0x10000000 ? 4 : 5);

/** Mapping: gamma (tag 0x09, double), indexOffset 0 (0x11, double), interpolation 0 (0x18, varint). */
const MAPPING_LENGTH = 1 + 8 + 1 + 8 + 1 + 1;
/** The empty negative store, as a field-3 message: its only field is offset 0. */
const NEGATIVE_STORE = [0x1a, 0x02, 0x18, 0x00];

/**
 * Encodes the positive bins `bins[i]` (key i + offset), `zeroCount` and the mapping's `gamma`. The non-zero bins
 * go out as contiguous counts from the first to the last non-zero one or, when that is smaller, as sparse
 * key→count entries (≈ 13 bytes an entry against 8 a contiguous bin, empty ones included).
 */
export function encodeSketchBins(bins: ArrayLike<number>, offset: number, zeroCount: number, gamma: number): Uint8Array {
  let first = -1;
  let last = -1;
  let nonZero = 0;
  for (let i = 0; i < bins.length; i++) {
    if (bins[i]! > 0) {
      if (first < 0) first = i;
      last = i;
      nonZero++;
    }
  }
  const sparse = nonZero * 13 < (last - first + 1) * 8;
  let storeLength = 0;
  if (sparse) {
    for (let i = first; i <= last; i++) {
      if (bins[i]! > 0) storeLength += 2 + entryLength(i + offset);
    }
    storeLength += 2; // offset 0
  } else {
    const count = first < 0 ? 0 : last - first + 1;
    if (count > 0) storeLength += 1 + varintSize(8 * count) + 8 * count;
    storeLength += 1 + varintSize(zigzag(first < 0 ? 0 : first + offset));
  }
  const total = 2 + MAPPING_LENGTH + 1 + varintSize(storeLength) + storeLength + NEGATIVE_STORE.length + 9;
  if (total > scratch.length) {
    scratch = new Uint8Array(Math.max(total, scratch.length * 2));
    view = new DataView(scratch.buffer);
  }

  pos = 0;
  byte(0x0a);
  varint(MAPPING_LENGTH);
  byte(0x09);
  double(gamma);
  byte(0x11);
  double(0);
  byte(0x18);
  byte(0x00);

  byte(0x12);
  varint(storeLength);
  if (sparse) {
    for (let i = first; i <= last; i++) {
      const count = bins[i]!;
      if (!(count > 0)) continue;
      byte(0x0a);
      varint(entryLength(i + offset));
      byte(0x08);
      varint(zigzag(i + offset));
      byte(0x11);
      double(count);
    }
    byte(0x18);
    byte(0x00);
  } else {
    if (first >= 0) {
      byte(0x12);
      varint(8 * (last - first + 1));
      for (let i = first; i <= last; i++) double(bins[i]!);
    }
    byte(0x18);
    varint(zigzag(first < 0 ? 0 : first + offset));
  }
  for (const b of NEGATIVE_STORE) byte(b);
  byte(0x21);
  double(zeroCount);
  return scratch.slice(0, pos);
}

// Writers into the scratch buffer at `pos` (module-level, not closures: they run for every bin of every sketch).
function byte(b: number): void {
  scratch[pos++] = b;
}

function varint(value: number): void {
  let v = value;
  while (v > 0x7f) {
    scratch[pos++] = (v & 0x7f) | 0x80;
    v >>>= 7;
  }
  scratch[pos++] = v;
}

function double(v: number): void {
  view.setFloat64(pos, v, true);
  pos += 8;
}

/** A sparse map entry's body: key (tag 0x08, sint32) and count (tag 0x11, double). */
function entryLength(key: number): number {
  return 1 + varintSize(zigzag(key)) + 1 + 8;
}
