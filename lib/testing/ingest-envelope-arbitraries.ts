import fc from "fast-check";

// fast-check arbitraries for broken request envelopes of POST /api/ingest (DESIGN.md §3): bodies that are not
// JSON or hold no events array, bad gzip, more than 1,000 events, a wrong content type — and the empty batch.

export type EnvelopeKind = "not-json" | "no-events" | "events-not-array" | "bad-gzip" | "too-many" | "content-type" | "empty";

export interface BrokenEnvelope {
  kind: EnvelopeKind;
  /** The body as sent (already gzip bytes when `gzipped`). */
  body: string | Uint8Array;
  contentType: string;
  gzipped: boolean;
  expectedStatus: number;
}

const ENVELOPE_STATUS: Record<EnvelopeKind, number> = {
  "not-json": 400,
  "no-events": 400,
  "events-not-array": 400,
  "bad-gzip": 400,
  "too-many": 413,
  "content-type": 415,
  empty: 200,
};

/** Requests whose envelope alone decides the answer (and which must store nothing). */
export function brokenEnvelope(): fc.Arbitrary<BrokenEnvelope> {
  const json = "application/json";
  const envelope = (kind: EnvelopeKind, body: fc.Arbitrary<string | Uint8Array>, contentType: fc.Arbitrary<string> = fc.constant(json), gzipped = false) =>
    fc.record({ kind: fc.constant(kind), body, contentType, gzipped: fc.constant(gzipped), expectedStatus: fc.constant(ENVELOPE_STATUS[kind]) });
  const notJson = fc.oneof(
    fc.string({ maxLength: 40 }).filter((s) => !isJson(s)),
    fc.constantFrom("", "{", '{"events": [', "{'events': []}", '{"events": [1,]}', "undefined", "NaN"),
    fc.jsonValue().map((v) => JSON.stringify({ events: [v] }).slice(0, -1)),
  );
  const noEvents = fc.oneof(
    fc.jsonValue().filter((v) => typeof v !== "object" || v === null || Array.isArray(v) || !("events" in v)).map((v) => JSON.stringify(v)),
    fc.constantFrom('{"event": []}', '{"Events": []}', "[]", "null", '"events"'),
  );
  const eventsNotArray = fc.oneof(fc.jsonValue().filter((v) => !Array.isArray(v)), fc.constant(null)).map((events) => JSON.stringify({ events }));
  const badGzip = fc.oneof(
    fc.uint8Array({ minLength: 0, maxLength: 64 }).filter((b) => !(b[0] === 0x1f && b[1] === 0x8b)),
    fc.constant(new Uint8Array([0x1f, 0x8b, 0x08, 0x00, 0x00])),
  );
  const tooMany = fc.integer({ min: 1_001, max: 1_500 }).map((n) => JSON.stringify({ events: Array.from({ length: n }, () => ({})) }));
  const contentType = fc.constantFrom("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/jsonx", "", "application/ld+json", "text/json");
  return fc.oneof(
    envelope("not-json", notJson),
    envelope("no-events", noEvents),
    envelope("events-not-array", eventsNotArray),
    envelope("bad-gzip", badGzip, fc.constant(json), true),
    envelope("too-many", tooMany),
    envelope("content-type", fc.constant('{"events": []}'), contentType),
    envelope("empty", fc.constant('{"events": []}'), fc.constantFrom(json, "application/json; charset=utf-8", "Application/JSON")),
  );
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
