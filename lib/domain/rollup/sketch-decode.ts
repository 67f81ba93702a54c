// Decoding the byte form of a rollup sketch (sketch-encode.ts writes it). Decoding is on the ingest path too —
// both sketches of every touched row that already exists — so it is one pass over the bytes with a cursor, no
// reader or map objects (the general decoder, sketch-proto.ts, took ≈ 4 µs a sketch). It reads any valid
// encoding, as the general decoder does: fields in any order, packed or unpacked contiguous counts, sparse
// entries mixed with them.

/** A decoded sketch message: the positive store as bins from `offset` (zeros possible at either end). */
export interface SketchBins {
  gamma: number;
  indexOffset: number;
  interpolation: number;
  zeroCount: number;
  bins: number[];
  offset: number;
  /** Whether the negative store holds anything (rollup sketches never do). */
  negative: boolean;
}

const VARINT = 0;
const I64 = 1;
const LEN = 2;
const I32 = 5;

let input: Uint8Array = new Uint8Array(0);
let inputView: DataView = new DataView(input.buffer);
let at = 0;

function readVarint(): number {
  let result = 0;
  let scale = 1;
  for (;;) {
    if (at >= input.length) throw new Error("DDSketch protobuf: truncated varint");
    const b = input[at++]!;
    result += (b & 0x7f) * scale;
    if (b < 0x80) return result;
    scale *= 0x80;
  }
}

function readDouble(end: number): number {
  if (at + 8 > end) throw new Error("DDSketch protobuf: truncated double");
  const v = inputView.getFloat64(at, true);
  at += 8;
  return v;
}

function readSint32(): number {
  const v = readVarint() >>> 0;
  return (v >>> 1) ^ -(v & 1);
}

function messageEnd(limit: number): number {
  const end = readVarint() + at;
  if (end > limit) throw new Error("DDSketch protobuf: truncated message");
  return end;
}

function skip(wire: number, end: number): void {
  if (wire === VARINT) readVarint();
  else if (wire === I64) at += 8;
  else if (wire === LEN) at = messageEnd(end);
  else if (wire === I32) at += 4;
  else throw new Error(`DDSketch protobuf: unsupported wire type ${wire}`);
}

/** A store message up to `end`: contiguous counts from `offset`, plus sparse key→count entries. */
function readStore(end: number): { contiguous: number[]; offset: number; keys: number[]; counts: number[] } {
  const store = { contiguous: [] as number[], offset: 0, keys: [] as number[], counts: [] as number[] };
  while (at < end) {
    const tag = readVarint();
    const field = Math.floor(tag / 8);
    const wire = tag % 8;
    if (field === 1 && wire === LEN) {
      const entryEnd = messageEnd(end);
      let key = 0;
      let count = 0;
      while (at < entryEnd) {
        const t = readVarint();
        if (t === 8) key = readSint32();
        else if (t === 17) count = readDouble(entryEnd);
        else skip(t % 8, entryEnd);
      }
      store.keys.push(key);
      store.counts.push(count);
    } else if (field === 2 && wire === LEN) {
      const packedEnd = messageEnd(end);
      while (at < packedEnd) store.contiguous.push(readDouble(packedEnd));
    } else if (field === 2 && wire === I64) store.contiguous.push(readDouble(end));
    else if (field === 3 && wire === VARINT) store.offset = readSint32();
    else skip(wire, end);
  }
  return store;
}

export function decodeSketchBins(bytes: Uint8Array): SketchBins {
  input = bytes;
  inputView = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  at = 0;
  const out: SketchBins = { gamma: 0, indexOffset: 0, interpolation: 0, zeroCount: 0, bins: [], offset: 0, negative: false };
  const end = bytes.length;
  while (at < end) {
    const tag = readVarint();
    const field = Math.floor(tag / 8);
    const wire = tag % 8;
    if (field === 1 && wire === LEN) {
      const mappingEnd = messageEnd(end);
      while (at < mappingEnd) {
        const t = readVarint();
        if (t === 9) out.gamma = readDouble(mappingEnd);
        else if (t === 17) out.indexOffset = readDouble(mappingEnd);
        else if (t === 24) out.interpolation = readVarint();
        else skip(t % 8, mappingEnd);
      }
    } else if ((field === 2 || field === 3) && wire === LEN) {
      const store = readStore(messageEnd(end));
      if (field === 3) out.negative = store.contiguous.some((c) => c > 0) || store.counts.some((c) => c > 0);
      else Object.assign(out, positiveBins(store));
    } else if (field === 4 && wire === I64) out.zeroCount = readDouble(end);
    else skip(wire, end);
  }
  return out;
}

/** Contiguous and sparse counts as one run of bins (sparse entries and repeated keys add up). */
function positiveBins(store: ReturnType<typeof readStore>): { bins: number[]; offset: number } {
  const { contiguous, offset, keys, counts } = store;
  if (keys.length === 0) return { bins: contiguous, offset };
  let lo = Math.min(...keys);
  let hi = Math.max(...keys);
  if (contiguous.length > 0) {
    lo = Math.min(lo, offset);
    hi = Math.max(hi, offset + contiguous.length - 1);
  }
  const bins = new Array<number>(hi - lo + 1).fill(0);
  for (let i = 0; i < contiguous.length; i++) bins[offset + i - lo]! += contiguous[i]!;
  for (let i = 0; i < keys.length; i++) bins[keys[i]! - lo]! += counts[i]!;
  return { bins, offset: lo };
}
