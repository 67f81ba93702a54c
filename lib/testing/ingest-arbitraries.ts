import fc from "fast-check";

// fast-check arbitraries for the events of the ingest contract (DESIGN.md §3): valid events, events broken in one
// known way, and batches with duplicates (envelopes: ingest-envelope-arbitraries.ts). Values are plain data (printed as is in a counterexample);
// timestamps are offsets from the moment of sending, applied by `materialise`, so a shrink replayed a minute
// later still means the same thing.

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
/** Raw-event retention and the allowed clock skew; the margins keep a value clear of a boundary while a run lasts. */
const RETENTION_MS = 30 * DAY_MS;
const FUTURE_MS = 5 * MINUTE_MS;
const MARGIN_MS = MINUTE_MS;

export interface ServiceSpec {
  slug: string;
  /** The embedding dimension its events use (DESIGN.md §3: fixed per service); null: no embeddings. */
  embeddingDim: number | null;
}

type TimestampStyle = "Z" | "millis" | "micros" | "offset";
export interface TimestampSpec {
  offsetMs: number;
  style: TimestampStyle;
  /** For style "offset": the zone's offset from UTC in minutes. */
  zoneMinutes: number;
}

/**
 * What the ingest use case decides for an event, in the order it checks: the schema, then whether the service
 * exists, then whether the key may write to it, then the timestamp window.
 */
export type Verdict = "valid" | "invalid" | "unknown-service" | "stale";

export interface EventCase {
  /** The event as sent, except its timestamp when `timestamp` is set. */
  event: unknown;
  timestamp?: TimestampSpec;
  verdict: Verdict;
  /** For a rejected event: the path (or path prefix) one of its errors must name. */
  path?: string;
}

// --- Strings ------------------------------------------------------------------------------------------------

/**
 * Values that are valid JSON but that the contract refuses (the databases cannot store them as sent); valid
 * events carry them only when asked, to see a refusal. brokenEvent sends each of them on purpose.
 */
export interface ValueOptions {
  /** U+0000 in strings. */
  nul: boolean;
  /** input_tokens / output_tokens of 2^31 and more (stored in 32-bit columns). */
  tokensBeyondInt32: boolean;
  /** "__proto__" as a key of a map (segments, evals, …). */
  protoKey: boolean;
}

export const VALID_VALUES: ValueOptions = { nul: false, tokensBeyondInt32: false, protoKey: false };

/** Mostly ASCII, sometimes any printable grapheme, sometimes control characters; never longer than `max` UTF-16 units. */
function text(max: number, minLength = 0, options: ValueOptions = VALID_VALUES): fc.Arbitrary<string> {
  const control = fc.string({ unit: "binary-ascii", minLength, maxLength: Math.min(max, 20) });
  return fc
    .oneof(
      { weight: 6, arbitrary: fc.string({ minLength, maxLength: Math.min(max, 40) }) },
      { weight: 2, arbitrary: fc.string({ unit: "grapheme", minLength, maxLength: Math.max(minLength, Math.floor(max / 8)) }) },
      { weight: 1, arbitrary: options.nul ? control : control.map((x) => x.replaceAll("\u0000", "")) },
      { weight: 1, arbitrary: fc.constant("x".repeat(max)) },
    )
    .filter((s) => s.length <= max && s.length >= minLength);
}

/** Map keys: 1–64 characters, with names that collide with JavaScript and with the rollups' own names. */
const mapKey = (options: ValueOptions) =>
  fc.oneof(
    // fast-check's strings include "__proto__" now and then on purpose.
    { weight: 8, arbitrary: text(64, 1, options).filter((k) => options.protoKey || k !== "__proto__") },
    { weight: 1, arbitrary: fc.constantFrom("*", "model", "provider", "variant", "(other)", "constructor", "toString", "hasOwnProperty", ...(options.protoKey ? ["__proto__"] : [])) },
  );

const finite = fc.double({ noNaN: true, noDefaultInfinity: true });
const nonNegative = fc.oneof(
  { weight: 6, arbitrary: fc.double({ min: 0, max: 120_000, noNaN: true }) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 60_000 }) },
  { weight: 1, arbitrary: fc.double({ min: 0, max: Number.MAX_VALUE, noNaN: true }) },
);
const tokens = (options: ValueOptions) =>
  fc.oneof(
    { weight: 8, arbitrary: fc.integer({ min: 0, max: 200_000 }) },
    { weight: 1, arbitrary: fc.constantFrom(0, 2 ** 31 - 1, ...(options.tokensBeyondInt32 ? [2 ** 31, 2 ** 32, Number.MAX_SAFE_INTEGER] : [])) },
  );
const unitInterval = fc.double({ min: 0, max: 1, noNaN: true });

function boundedMap<T>(value: fc.Arbitrary<T>, options: ValueOptions): fc.Arbitrary<Record<string, T>> {
  const key = mapKey(options);
  return fc.oneof(
    { weight: 9, arbitrary: fc.dictionary(key, value, { maxKeys: 6, noNullPrototype: true }) },
    // Exactly at the documented limit of 64 entries.
    { weight: 1, arbitrary: mapWithKeys(fc.uniqueArray(key, { minLength: 64, maxLength: 64 }), value) },
  );
}

/** A map with each of the generated keys, each with a generated value. */
function mapWithKeys<T>(keys: fc.Arbitrary<string[]>, value: fc.Arbitrary<T>): fc.Arbitrary<Record<string, T>> {
  return keys.chain((ks) => fc.array(value, { minLength: ks.length, maxLength: ks.length }).map((vs) => Object.fromEntries(ks.map((k, i) => [k, vs[i]!]))));
}

// --- Timestamps ---------------------------------------------------------------------------------------------

const zoneMinutes = fc.constantFrom(0, 60, -300, 330, 345, -720, 840);
const timestampStyle = fc.constantFrom<TimestampStyle>("Z", "millis", "micros", "offset");

function timestampIn(minOffsetMs: number, maxOffsetMs: number): fc.Arbitrary<TimestampSpec> {
  return fc.record({ offsetMs: fc.integer({ min: minOffsetMs, max: maxOffsetMs }), style: timestampStyle, zoneMinutes });
}

/** Within the raw retention and the allowed skew; mostly the last hours, where rollups are minutes. */
const validTimestamp = fc.oneof(
  { weight: 4, arbitrary: timestampIn(-3 * 3_600_000, FUTURE_MS - MARGIN_MS) },
  { weight: 1, arbitrary: timestampIn(-RETENTION_MS + MARGIN_MS, FUTURE_MS - MARGIN_MS) },
);

/** RFC 3339 in several spellings of the same instant. */
function formatTimestamp(ms: number, spec: Pick<TimestampSpec, "style" | "zoneMinutes">): string {
  const iso = new Date(ms).toISOString(); // yyyy-mm-ddThh:mm:ss.sssZ
  switch (spec.style) {
    case "Z":
      return `${iso.slice(0, 19)}Z`;
    case "millis":
      return iso;
    case "micros":
      return `${iso.slice(0, 23)}417Z`;
    case "offset": {
      const local = new Date(ms + spec.zoneMinutes * MINUTE_MS).toISOString().slice(0, 23);
      const sign = spec.zoneMinutes < 0 ? "-" : "+";
      const abs = Math.abs(spec.zoneMinutes);
      return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
    }
  }
}

/** The event as it goes on the wire, its timestamp relative to `nowMs`. */
export function materialise(c: EventCase, nowMs: number): unknown {
  if (!c.timestamp) return c.event;
  return { ...(c.event as Record<string, unknown>), timestamp: formatTimestamp(nowMs + c.timestamp.offsetMs, c.timestamp) };
}

// --- Valid events -------------------------------------------------------------------------------------------

/** A small pool, so the same event_id in several batches of a run is common. */
const POOLED_IDS = Array.from({ length: 24 }, (_, i) => `pooled-${i}`);

function validFields(service: ServiceSpec, options: ValueOptions) {
  const label = text(256, 0, options);
  const map = <T>(value: fc.Arbitrary<T>) => boundedMap(value, options);
  return fc.record(
    {
      event_id: fc.oneof(
        { weight: 5, arbitrary: fc.uuid() },
        { weight: 3, arbitrary: fc.constantFrom(...POOLED_IDS) },
        { weight: 2, arbitrary: text(128, 1, options) },
      ),
      model: label,
      provider: label,
      variant: label,
      latency_ms: nonNegative,
      ttft_ms: nonNegative,
      status: fc.constantFrom("ok", "error"),
      error_type: label,
      input_tokens: tokens(options),
      output_tokens: tokens(options),
      cost_usd: nonNegative,
      segments: map(label),
      evals: map(fc.oneof(unitInterval, fc.boolean())),
      feedback: map(finite),
      outcomes: map(fc.boolean()),
      retrieval: fc.record(
        {
          precision: unitInterval,
          score: finite,
          document_ids: fc.oneof(fc.array(label, { maxLength: 5 }), fc.array(fc.uuid(), { minLength: 100, maxLength: 100 })),
        },
        { requiredKeys: [] },
      ),
      ...(service.embeddingDim === null
        ? {}
        : { embedding: fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: service.embeddingDim, maxLength: service.embeddingDim }) }),
      attributes: map(fc.oneof(label, finite)),
      prompt: fc.oneof({ weight: 5, arbitrary: text(200, 0, options) }, { weight: 1, arbitrary: fc.string({ minLength: 8_000, maxLength: 9_000 }) }),
      response: fc.oneof({ weight: 5, arbitrary: text(200, 0, options) }, { weight: 1, arbitrary: fc.string({ unit: "grapheme", minLength: 3_000, maxLength: 4_000 }) }),
    },
    { requiredKeys: [] },
  );
}

/** A valid event for one of `services`: every field of DESIGN.md §3 in range, each optional one sometimes absent. */
export function validEvent(services: readonly ServiceSpec[], options: ValueOptions = VALID_VALUES): fc.Arbitrary<EventCase> {
  return fc
    .constantFrom(...services)
    .chain((service) => fc.tuple(fc.constant(service.slug), validFields(service, options), validTimestamp))
    .map(([slug, fields, timestamp]) => ({ event: { ...fields, service: slug }, timestamp, verdict: "valid" as const }));
}

// --- Broken events ------------------------------------------------------------------------------------------

interface Breakage {
  path: string;
  /** The field's bad value; `undefined` removes the field. */
  value: fc.Arbitrary<unknown>;
  verdict?: Verdict;
}

const notANumber = fc.oneof(text(10), fc.boolean(), fc.constant(null), fc.array(fc.integer(), { maxLength: 2 }));
const negative = fc.double({ max: -Number.MIN_VALUE, noNaN: true, noDefaultInfinity: true });
const tooManyKeys = <T>(value: fc.Arbitrary<T>) => mapWithKeys(fc.uniqueArray(text(20, 1), { minLength: 65, maxLength: 80 }), value);
const tooLong = (max: number) => fc.integer({ min: max + 1, max: max + 300 }).map((n) => "y".repeat(n));
const badTimestamp = fc.oneof(
  fc.constantFrom("yesterday", "", "2026-13-45T00:00:00Z", "2026-11-26 17:00:00", "2026-11-26T17:00:00", "1732640400", "2026-11-26T25:00:00Z"),
  fc.integer(),
  fc.constant(null),
);

function breakages(knownSlugs: readonly string[]): Breakage[] {
  const free = fc.stringMatching(/^[a-z][a-z0-9-]{2,20}$/).filter((s) => !knownSlugs.includes(s));
  const count = fc.oneof(negative.map(Math.floor), fc.double({ min: 0.01, max: 1e6, noNaN: true }).filter((x) => !Number.isInteger(x)), notANumber, fc.constant(2 ** 53));
  return [
    { path: "event_id", value: fc.oneof(tooLong(128), fc.constant(""), fc.integer(), fc.constant(null), fc.constantFrom("a\u0000b", "a\ud800", "\udc00z")) },
    { path: "service", value: fc.oneof(fc.constantFrom("Bad Slug", "-leading", "UPPER", ""), tooLong(63), fc.integer(), fc.constant(undefined)) },
    { path: "service", value: free, verdict: "unknown-service" },
    { path: "timestamp", value: fc.oneof(badTimestamp, fc.constant(undefined)) },
    { path: "model", value: fc.oneof(tooLong(256), fc.integer(), fc.constant(null), fc.constantFrom("gpt\u00004o", "gpt-\ud83d")) },
    { path: "provider", value: fc.oneof(tooLong(256), fc.boolean()) },
    { path: "variant", value: fc.oneof(tooLong(256), fc.dictionary(text(3), text(3), { maxKeys: 2 })) },
    { path: "error_type", value: fc.oneof(tooLong(256), fc.integer()) },
    { path: "latency_ms", value: fc.oneof(negative, notANumber) },
    { path: "ttft_ms", value: fc.oneof(negative, notANumber) },
    { path: "cost_usd", value: fc.oneof(negative, notANumber) },
    { path: "input_tokens", value: fc.oneof(count, fc.constantFrom(2 ** 31, 2 ** 32)) },
    { path: "output_tokens", value: count },
    { path: "status", value: fc.oneof(fc.constantFrom("broken", "OK", "failed", ""), fc.integer(), fc.boolean()) },
    { path: "segments", value: fc.oneof(tooManyKeys(text(5)), fc.constant({ "": "empty key" }), fc.constant({ ["k".repeat(65)]: "long key" }), text(5), fc.array(text(3), { minLength: 1 })) },
    { path: "segments", value: fc.oneof(fc.record({ region: fc.integer() }), fc.record({ region: tooLong(256) }), fc.record({ region: fc.constant(null) }), fc.record({ region: fc.constant("e\u0000u") })) },
    { path: "segments", value: fc.constant(JSON.parse('{"__proto__": "x"}') as Record<string, string>) },
    { path: "evals", value: fc.oneof(fc.record({ relevance: fc.double({ min: 1.000001, max: 1e9, noNaN: true }) }), fc.record({ relevance: negative }), fc.record({ relevance: text(5) }), tooManyKeys(unitInterval)) },
    { path: "feedback", value: fc.oneof(fc.record({ csat: text(5) }), fc.record({ csat: fc.boolean() }), tooManyKeys(fc.integer())) },
    { path: "outcomes", value: fc.oneof(fc.record({ resolved: fc.integer() }), fc.record({ resolved: fc.constantFrom("true", "yes") }), tooManyKeys(fc.boolean())) },
    {
      path: "retrieval",
      value: fc.oneof(
        fc.record({ precision: fc.oneof(fc.double({ min: 1.000001, max: 10, noNaN: true }), negative) }),
        fc.record({ recall: unitInterval }),
        fc.record({ document_ids: fc.array(fc.uuid(), { minLength: 101, maxLength: 120 }) }),
        fc.record({ document_ids: fc.tuple(tooLong(256)) }),
        fc.constantFrom("relevant", 0.5, null),
      ),
    },
    { path: "embedding", value: fc.oneof(fc.constant([]), fc.array(text(3), { minLength: 1, maxLength: 4 }), fc.constant(Array.from({ length: 4097 }, () => 0.5)), fc.constant("0.1,0.2")) },
    { path: "attributes", value: fc.oneof(fc.record({ flag: fc.boolean() }), fc.record({ nested: fc.constant({ a: 1 }) }), fc.record({ tags: fc.constant(["a"]) }), tooManyKeys(fc.integer())) },
    { path: "prompt", value: fc.oneof(fc.integer(), fc.constant(null), fc.constant({ text: "hi" })) },
    { path: "response", value: fc.oneof(fc.boolean(), fc.constant(["a"])) },
    // strictObject: an unknown field is reported on the event itself.
    { path: "(root)", value: fc.constant("unexpected") },
  ];
}

const UNKNOWN_FIELD = "latencyMs";

/** A valid event broken in exactly one known way; `path` says where the rejection must point. */
export function brokenEvent(services: readonly ServiceSpec[]): fc.Arbitrary<EventCase> {
  const slugs = services.map((s) => s.slug);
  const fieldBreakage = fc
    .constantFrom(...breakages(slugs))
    .chain((b) => fc.tuple(validEvent(services), fc.constant(b), b.value))
    .map(([base, b, value]): EventCase => {
      const event = { ...(base.event as Record<string, unknown>) };
      let timestamp = base.timestamp;
      if (b.path === "(root)") event[UNKNOWN_FIELD] = value;
      else if (b.path === "timestamp") timestamp = undefined;
      if (b.path !== "(root)") {
        if (value === undefined) delete event[b.path];
        else event[b.path] = value;
      }
      return { event, timestamp, verdict: b.verdict ?? "invalid", path: b.path };
    });
  const outOfWindow = fc
    .tuple(
      validEvent(services),
      fc.oneof(timestampIn(-400 * DAY_MS, -RETENTION_MS - MARGIN_MS), timestampIn(FUTURE_MS + MARGIN_MS, 365 * DAY_MS)),
    )
    .map(([base, timestamp]): EventCase => ({ event: base.event, timestamp, verdict: "stale", path: "timestamp" }));
  const notAnObject = fc
    .oneof(fc.constant(null), fc.integer(), text(10), fc.boolean(), fc.array(fc.integer(), { maxLength: 3 }))
    .map((event): EventCase => ({ event, verdict: "invalid", path: "(root)" }));
  return fc.oneof({ weight: 8, arbitrary: fieldBreakage }, { weight: 2, arbitrary: outOfWindow }, { weight: 1, arbitrary: notAnObject });
}

// --- Batches ------------------------------------------------------------------------------------------------

/**
 * 0–`maxEvents` events, mostly valid, where some events repeat an earlier event's event_id (and service):
 * sometimes the very same event, sometimes another payload under the same id (the first one is stored).
 */
export function eventBatch(services: readonly ServiceSpec[], options: ValueOptions = VALID_VALUES, maxEvents = 30): fc.Arbitrary<EventCase[]> {
  const one = fc.oneof({ weight: 3, arbitrary: validEvent(services, options) }, { weight: 1, arbitrary: brokenEvent(services) });
  const dims = new Map(services.map((s) => [s.slug, s.embeddingDim]));
  return fc
    .tuple(fc.array(one, { maxLength: maxEvents }), fc.array(fc.tuple(fc.nat(), fc.nat(), fc.boolean()), { maxLength: 6 }))
    .map(([events, repeats]) => {
      const out = [...events];
      for (const [from, to, same] of repeats) {
        if (out.length < 2) break;
        const source = out[from % out.length]!;
        const target = out[to % out.length]!;
        if (source.verdict !== "valid" || typeof (source.event as { event_id?: unknown }).event_id !== "string") continue;
        if (same) {
          out.splice(to % out.length, 0, source);
          continue;
        }
        // Another payload under the same key: the target keeps its own fault, unless that was in a field rewritten here.
        if (!isPlainObject(target.event) || ["service", "event_id", "embedding"].includes(target.path ?? "")) continue;
        const { event_id, service } = source.event as { event_id: string; service: string };
        const copy: Record<string, unknown> = { ...target.event, event_id, service };
        if (Array.isArray(copy.embedding) && copy.embedding.length !== dims.get(service)) delete copy.embedding;
        out[to % out.length] = { ...target, event: copy };
      }
      return out;
    });
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
