// The DDSketch protobuf message (DataDog/sketches-go `ddsketch.proto`, the schema sketches-js compiles), encoded
// and decoded by hand. sketches-js 2.1.1 needs `protobufjs` for its toProto/fromProto but does not declare it
// as a dependency (it is a devDependency there), so calling them fails with MODULE_NOT_FOUND; this codec
// writes the same wire format without it. It is the general form of the message, kept as the reference the
// rollup hot path's one-pass codec (sketch-encode.ts, sketch-decode.ts) is tested against.
//
//   DDSketch     { IndexMapping mapping = 1; Store positiveValues = 2; Store negativeValues = 3; double zeroCount = 4; }
//   IndexMapping { double gamma = 1; double indexOffset = 2; Interpolation interpolation = 3; }
//   Store        { map<sint32, double> binCounts = 1; repeated double contiguousBinCounts = 2 [packed];
//                  sint32 contiguousBinIndexOffset = 3; }

export interface ProtoStore {
  /** Bin counts of consecutive keys starting at `offset` (the contiguous form). */
  contiguous: number[];
  offset: number;
  /** key → count (the sparse form); both forms may appear and add up. */
  sparse: Map<number, number>;
}

export interface ProtoSketch {
  gamma: number;
  indexOffset: number;
  interpolation: number;
  positive: ProtoStore;
  negative: ProtoStore;
  zeroCount: number;
}

const VARINT = 0;
const I64 = 1;
const LEN = 2;
const I32 = 5;

class Writer {
  private buf: Uint8Array;
  private view: DataView;
  private length = 0;

  constructor(capacity = 64) {
    this.buf = new Uint8Array(capacity);
    this.view = new DataView(this.buf.buffer);
  }

  private reserve(n: number): void {
    if (this.length + n <= this.buf.length) return;
    const grown = new Uint8Array(Math.max(this.buf.length * 2, this.length + n));
    grown.set(this.buf.subarray(0, this.length));
    this.buf = grown;
    this.view = new DataView(grown.buffer);
  }
  varint(value: number): this {
    this.reserve(10);
    let v = value;
    while (v > 0x7f) {
      this.buf[this.length++] = (v % 0x80) | 0x80;
      v = Math.floor(v / 0x80);
    }
    this.buf[this.length++] = v;
    return this;
  }
  tag(field: number, wire: number): this {
    return this.varint(field * 8 + wire);
  }
  sint32(value: number): this {
    return this.varint(zigzag(value));
  }
  double(value: number): this {
    this.reserve(8);
    this.view.setFloat64(this.length, value, true);
    this.length += 8;
    return this;
  }
  doubles(values: readonly number[]): this {
    this.reserve(8 * values.length);
    for (const v of values) {
      this.view.setFloat64(this.length, v, true);
      this.length += 8;
    }
    return this;
  }
  message(field: number, inner: Writer): this {
    this.tag(field, LEN).varint(inner.length);
    this.reserve(inner.length);
    this.buf.set(inner.buf.subarray(0, inner.length), this.length);
    this.length += inner.length;
    return this;
  }
  finish(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}

const varintSize = (v: number) => (v < 0x80 ? 1 : v < 0x4000 ? 2 : v < 0x200000 ? 3 : v < 0x10000000 ? 4 : 5);
const zigzag = (v: number) => ((v << 1) ^ (v >> 31)) >>> 0;

function writeStore(store: ProtoStore): Writer {
  const w = new Writer();
  for (const [key, count] of store.sparse) {
    // A map entry { sint32 key = 1; double value = 2; }, written in place: its length is known up front.
    w.tag(1, LEN).varint(1 + varintSize(zigzag(key)) + 1 + 8).tag(1, VARINT).sint32(key).tag(2, I64).double(count);
  }
  if (store.contiguous.length > 0) {
    w.message(2, new Writer(8 * store.contiguous.length).doubles(store.contiguous));
  }
  return w.tag(3, VARINT).sint32(store.offset);
}

export function encodeProtoSketch(s: ProtoSketch): Uint8Array {
  const mapping = new Writer().tag(1, I64).double(s.gamma).tag(2, I64).double(s.indexOffset).tag(3, VARINT).varint(s.interpolation);
  return new Writer()
    .message(1, mapping)
    .message(2, writeStore(s.positive))
    .message(3, writeStore(s.negative))
    .tag(4, I64)
    .double(s.zeroCount)
    .finish();
}

class Reader {
  pos: number;
  private view: DataView;
  constructor(private bytes: Uint8Array, pos = 0, readonly end = bytes.length) {
    this.pos = pos;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  varint(): number {
    let result = 0;
    let scale = 1;
    for (;;) {
      if (this.pos >= this.end) throw new Error("DDSketch protobuf: truncated varint");
      const b = this.bytes[this.pos++]!;
      result += (b & 0x7f) * scale;
      if (b < 0x80) return result;
      scale *= 0x80;
    }
  }
  sint32(): number {
    const v = this.varint() >>> 0;
    return (v >>> 1) ^ -(v & 1);
  }
  double(): number {
    if (this.pos + 8 > this.end) throw new Error("DDSketch protobuf: truncated double");
    const v = this.view.getFloat64(this.pos, true);
    this.pos += 8;
    return v;
  }
  sub(): Reader {
    const length = this.varint();
    const end = this.pos + length;
    if (end > this.end) throw new Error("DDSketch protobuf: truncated message");
    const inner = new Reader(this.bytes, this.pos, end);
    this.pos = end;
    return inner;
  }
  skip(wire: number): void {
    if (wire === VARINT) this.varint();
    else if (wire === I64) this.pos += 8;
    else if (wire === LEN) this.sub();
    else if (wire === I32) this.pos += 4;
    else throw new Error(`DDSketch protobuf: unsupported wire type ${wire}`);
  }
}

function readStore(r: Reader): ProtoStore {
  const store: ProtoStore = { contiguous: [], offset: 0, sparse: new Map() };
  while (r.pos < r.end) {
    const tag = r.varint();
    const field = Math.floor(tag / 8);
    const wire = tag % 8;
    if (field === 1 && wire === LEN) {
      // A map entry, read in place: a sub-reader per entry would allocate hundreds of DataViews per sketch.
      const end = r.varint() + r.pos;
      let key = 0;
      let count = 0;
      while (r.pos < end) {
        const t = r.varint();
        if (t === 8) key = r.sint32();
        else if (t === 17) count = r.double();
        else r.skip(t % 8);
      }
      store.sparse.set(key, (store.sparse.get(key) ?? 0) + count);
    } else if (field === 2 && wire === LEN) {
      const packed = r.sub();
      while (packed.pos < packed.end) store.contiguous.push(packed.double());
    } else if (field === 2 && wire === I64) {
      store.contiguous.push(r.double());
    } else if (field === 3 && wire === VARINT) {
      store.offset = r.sint32();
    } else {
      r.skip(wire);
    }
  }
  return store;
}

export function decodeProtoSketch(bytes: Uint8Array): ProtoSketch {
  const r = new Reader(bytes);
  const empty = (): ProtoStore => ({ contiguous: [], offset: 0, sparse: new Map() });
  const s: ProtoSketch = { gamma: 0, indexOffset: 0, interpolation: 0, positive: empty(), negative: empty(), zeroCount: 0 };
  while (r.pos < r.end) {
    const tag = r.varint();
    const field = Math.floor(tag / 8);
    const wire = tag % 8;
    if (field === 1 && wire === LEN) {
      const m = r.sub();
      while (m.pos < m.end) {
        const t = m.varint();
        if (t === 9) s.gamma = m.double();
        else if (t === 17) s.indexOffset = m.double();
        else if (t === 24) s.interpolation = m.varint();
        else m.skip(t % 8);
      }
    } else if (field === 2 && wire === LEN) s.positive = readStore(r.sub());
    else if (field === 3 && wire === LEN) s.negative = readStore(r.sub());
    else if (field === 4 && wire === I64) s.zeroCount = r.double();
    else r.skip(wire);
  }
  return s;
}
