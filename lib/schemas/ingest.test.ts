import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { zodIssues } from "@/lib/errors.ts";
import { generatePortfolioEvents } from "@/lib/domain/demo/index.ts";
import type { IngestEventWire } from "@/lib/domain/demo/types.ts";
import type { VitalsEvent } from "@/lib/sdk/types.ts";
import { FAST_PATH_FIELDS, IngestEventDefinition, IngestEventInput, parseValidEvent, type ParsedIngestEvent } from "./ingest.ts";

const minimal = { service: "support-bot", timestamp: "2026-11-26T10:00:00Z" };

function issuesOf(input: unknown) {
  const result = IngestEventInput.safeParse(input);
  if (result.success) throw new Error("expected the event to be rejected");
  return zodIssues(result.error);
}

describe("ingest event schema", () => {
  it("accepts a minimal event and fills the defaults", () => {
    const { service, event } = IngestEventInput.parse(minimal);
    expect(service).toBe("support-bot");
    expect(event.status).toBe("ok");
    expect(event.timestamp.toISOString()).toBe("2026-11-26T10:00:00.000Z");
    expect(event.segments).toEqual({});
    expect(event.eventId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("maps every wire field onto the domain event", () => {
    const { event } = IngestEventInput.parse({
      ...minimal,
      event_id: "e-1",
      timestamp: "2026-11-26T11:00:00.250+01:00",
      model: "gpt-4o",
      provider: "openai",
      variant: "prompt-v3",
      latency_ms: 1200,
      ttft_ms: 300,
      status: "error",
      error_type: "timeout",
      input_tokens: 10,
      output_tokens: 20,
      cost_usd: 0.001,
      segments: { region: "eu-west" },
      evals: { relevance: 0.9, hallucination: true },
      feedback: { csat: 4 },
      outcomes: { ticket_resolved: false },
      retrieval: { precision: 0.75, score: 12.5, document_ids: ["a"] },
      embedding: [0.1, 0.2],
      attributes: { language: "en", words: 12 },
      prompt: "p",
      response: "r",
    });
    expect(event).toEqual({
      eventId: "e-1",
      timestamp: new Date("2026-11-26T10:00:00.250Z"),
      model: "gpt-4o",
      provider: "openai",
      variant: "prompt-v3",
      latencyMs: 1200,
      ttftMs: 300,
      status: "error",
      errorType: "timeout",
      inputTokens: 10,
      outputTokens: 20,
      costUsd: 0.001,
      segments: { region: "eu-west" },
      evals: { relevance: 0.9, hallucination: true },
      feedback: { csat: 4 },
      outcomes: { ticket_resolved: false },
      retrieval: { precision: 0.75, score: 12.5, documentIds: ["a"] },
      embedding: [0.1, 0.2],
      attributes: { language: "en", words: 12 },
      prompt: "p",
      response: "r",
    });
  });

  it.each([
    [{ ...minimal, latency_ms: -1 }, "latency_ms", "latency_ms must be ≥ 0."],
    [{ ...minimal, latency_ms: "fast" }, "latency_ms", "Expected latency_ms as a number."],
    [{ ...minimal, input_tokens: 1.5 }, "input_tokens", "input_tokens must be a whole number."],
    [{ ...minimal, status: "failed" }, "status", 'Expected "ok" or "error".'],
    [{ ...minimal, timestamp: "yesterday" }, "timestamp", "Expected an RFC 3339 timestamp, e.g. 2026-11-26T17:00:00Z."],
    [{ ...minimal, service: "Support Bot" }, "service", "Expected a service slug: lowercase letters, digits and dashes."],
    [{ ...minimal, evals: { relevance: 1.2 } }, "evals.relevance", "Expected a score between 0 and 1, or true/false."],
    [{ ...minimal, outcomes: { resolved: "yes" } }, "outcomes.resolved", "Expected true or false."],
    [{ ...minimal, retrieval: { precision: 2 } }, "retrieval.precision", "Must be between 0 and 1."],
    [{ ...minimal, event_id: "x".repeat(129) }, "event_id", "event_id is at most 128 characters."],
  ])("rejects %j at %s", (input, path, message) => {
    expect(issuesOf(input)).toContainEqual({ path, message });
  });

  it.each([
    ["a lone surrogate in event_id", { event_id: "a\ud800" }, "event_id"],
    ["U+0000 in model", { model: "gpt\u00004o" }, "model"],
    ["U+0000 in a segment value", { segments: { region: "e\u0000u" } }, "segments.region"],
    ["a lone surrogate in the prompt", { prompt: "hi \udc00" }, "prompt"],
    ["a lone surrogate in a document id", { retrieval: { document_ids: ["doc\ud83d"] } }, "retrieval.document_ids.0"],
  ])("refuses text the databases cannot store as sent: %s", (_, fields, path) => {
    expect(issuesOf({ ...minimal, ...fields })).toEqual([{ path, message: "Must be well-formed Unicode text without U+0000 characters." }]);
  });

  it("says why a map key is refused", () => {
    expect(issuesOf({ ...minimal, evals: { "rel\u0000": 0.5 } })).toEqual([
      { path: "evals.rel\u0000", message: "Invalid key: Must be well-formed Unicode text without U+0000 characters." },
    ]);
    expect(issuesOf({ ...minimal, segments: { "": "x" } })).toEqual([{ path: "segments.", message: "Invalid key: Keys must not be empty." }]);
  });

  it("refuses a map key named __proto__ rather than dropping it", () => {
    const segments = JSON.parse('{"__proto__": "x", "region": "eu"}') as Record<string, string>;
    expect(issuesOf({ ...minimal, segments })).toEqual([{ path: "segments.__proto__", message: 'Invalid key: "__proto__" is reserved; use another name.' }]);
  });

  it("caps token counts at the 32-bit column they are stored in", () => {
    expect(IngestEventInput.parse({ ...minimal, input_tokens: 2_147_483_647 }).event.inputTokens).toBe(2_147_483_647);
    expect(issuesOf({ ...minimal, output_tokens: 2 ** 31 })).toEqual([{ path: "output_tokens", message: "output_tokens is at most 2147483647." }]);
  });

  it("names an unknown field instead of dropping it silently", () => {
    const issues = issuesOf({ ...minimal, latency: 10 });
    expect(issues[0]?.path).toBe("(root)");
    expect(issues[0]?.message).toContain("latency");
  });
});

// The wire shape is written three times on purpose — the zod schema (the truth), the standalone SDK's type
// and the demo generator's type (lib/domain imports nothing from elsewhere). These assignments make any
// drift between them a type error.
describe("wire types agree with the schema", () => {
  it("compiles", () => {
    const fromSdk = (e: VitalsEvent & { timestamp: string }): IngestEventInput => e;
    const fromDemo = (e: IngestEventWire): IngestEventInput => e;
    const toSdk = (e: IngestEventInput): VitalsEvent => e;
    expect([fromSdk, fromDemo, toSdk]).toHaveLength(3);
  });
});

// IngestEventInput answers valid events from a hand-written fast path (parseValidEvent) and leaves the rest to
// zod's interpreter of the definition. The fast path must accept nothing the definition rejects and build the
// same result; and it should accept every valid event, or it is only slow.
describe("the fast path agrees with the definition", () => {
  it("knows every field of the definition", () => {
    expect([...FAST_PATH_FIELDS].sort()).toEqual(Object.keys(IngestEventDefinition.in.shape).sort());
  });

  const edgeNumbers = fc.constantFrom(0, -0, -1, 0.5, 1, 1.000001, 2, 256, 2 ** 31, 2 ** 53 - 1, 2 ** 53, 1e308, Number.NaN, Infinity, -Infinity);
  const number = fc.oneof(edgeNumbers, fc.double(), fc.integer());
  const string = (max: number) => fc.oneof(fc.constantFrom("", "x".repeat(max), "x".repeat(max + 1), "é".repeat(max)), fc.string({ maxLength: 8 }));
  const edgeKey = fc.constantFrom("", "k".repeat(64), "k".repeat(65), "__proto__", "constructor", "toString", "0", "10", "*");
  const mapKey = fc.oneof(edgeKey, fc.string({ minLength: 1, maxLength: 8 }));
  const scalar = fc.oneof(fc.constantFrom(undefined, null, true, false, "ok", "error", "2026-11-26T10:00:00Z"), number, string(256));
  const anything = fc.oneof(scalar, fc.constant([]), fc.array(number, { maxLength: 3 }), fc.dictionary(mapKey, scalar, { maxKeys: 3 }));
  // Maps mostly valid, sometimes with an edge key or an edge value, sometimes at or just over the 64-key limit.
  const validKey = fc.string({ minLength: 1, maxLength: 64 }).filter((k) => k !== "__proto__");
  const map = <T>(value: fc.Arbitrary<T>) => {
    const key = fc.oneof({ weight: 4, arbitrary: validKey }, { weight: 1, arbitrary: edgeKey });
    const entry = fc.oneof({ weight: 6, arbitrary: value }, { weight: 1, arbitrary: scalar });
    return fc.oneof(
      { weight: 8, arbitrary: fc.dictionary(key, entry, { maxKeys: 4 }) },
      { weight: 1, arbitrary: fc.tuple(fc.constantFrom(64, 65), value).map(([size, v]) => Object.fromEntries(Array.from({ length: size }, (_, i) => [`k${i}`, v]))) },
    );
  };
  const unitValue = fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(0, -0, 1, 1.000001, -0.000001));
  const nonNegative = fc.oneof(fc.double({ min: 0, noNaN: true, noDefaultInfinity: true }), fc.constantFrom(0, -0));
  const finite = fc.double({ noNaN: true, noDefaultInfinity: true });
  const timestamp = fc.oneof(
    fc.date({ min: new Date("2000-01-01"), max: new Date("2099-12-31"), noInvalidDate: true }).map((d) => d.toISOString()),
    fc.constantFrom("2026-11-26T10:00:00Z", "2026-11-26T11:00:00.123456+01:00", "2024-02-29T00:00:00-05:30", "2026-02-29T00:00:00Z", "2026-11-26T10:00Z", "2026-11-26 10:00:00Z", "2026-11-26T10:00:00z", "2026-11-26T10:00:00+24:00"),
  );
  // Mostly valid events (each optional field sometimes absent), then up to two fields replaced by anything.
  const event = fc
    .tuple(
      fc.record(
        {
          event_id: string(128),
          service: fc.constantFrom("support-bot", "a", "x".repeat(63), "legal-rag-2"),
          timestamp,
          model: string(256),
          provider: string(256),
          variant: string(256),
          latency_ms: nonNegative,
          ttft_ms: nonNegative,
          status: fc.constantFrom("ok", "error"),
          error_type: string(256),
          input_tokens: fc.oneof(fc.nat(), fc.constantFrom(2 ** 53 - 1, 2 ** 53)),
          output_tokens: fc.nat(),
          cost_usd: nonNegative,
          segments: map(string(256)),
          evals: map(fc.oneof(unitValue, fc.boolean())),
          feedback: map(finite),
          outcomes: map(fc.boolean()),
          retrieval: fc.record({ precision: unitValue, score: finite, document_ids: fc.oneof(fc.array(string(256), { maxLength: 3 }), fc.constantFrom(100, 101).map((n) => Array.from({ length: n }, (_, i) => `d${i}`))) }, { requiredKeys: [] }),
          embedding: fc.array(finite, { minLength: 1, maxLength: 4 }),
          attributes: map(fc.oneof(string(256), finite)),
          prompt: fc.string({ maxLength: 20 }),
          response: fc.string({ maxLength: 20 }),
        },
        { requiredKeys: ["service", "timestamp"] },
      ),
      fc.array(fc.tuple(fc.constantFrom(...FAST_PATH_FIELDS, "latency", "__proto__"), anything), { maxLength: 2 }),
    )
    .map(([fields, changes]) => {
      const e: Record<string, unknown> = { ...fields };
      for (const [key, value] of changes) Object.defineProperty(e, key, { value, enumerable: true, writable: true, configurable: true });
      return e;
    });

  const withoutGeneratedId = (parsed: ParsedIngestEvent, input: Record<string, unknown>) =>
    input.event_id === undefined ? { ...parsed, event: { ...parsed.event, eventId: "(generated)" } } : parsed;
  // What the fast path leaves to the interpreter even when valid: a "__proto__" key (zod drops it), and objects
  // that are not plain (zod takes any object for the event and for retrieval).
  const leftToInterpreter = (value: unknown): boolean => {
    if (typeof value !== "object" || value === null) return false;
    const prototype: unknown = Object.getPrototypeOf(value);
    if (!Array.isArray(value) && prototype !== Object.prototype && prototype !== null) return true;
    return Object.keys(value).some((k) => k === "__proto__" || leftToInterpreter((value as Record<string, unknown>)[k]));
  };

  function agree(input: Record<string, unknown>): void {
    const fast = parseValidEvent(input);
    const slow = IngestEventDefinition.safeParse(input);
    if (fast !== z.INVALID) {
      expect(slow.success).toBe(true);
      expect(withoutGeneratedId(fast, input)).toStrictEqual(withoutGeneratedId(slow.data!, input));
    } else if (slow.success) {
      expect(leftToInterpreter(input)).toBe(true);
    }
    const parsed = IngestEventInput.safeParse(input);
    expect(parsed.success).toBe(slow.success);
    if (!parsed.success && !slow.success) expect(zodIssues(parsed.error)).toEqual(zodIssues(slow.error));
  }

  it("on generated events, as objects and as parsed JSON", () => {
    fc.assert(
      fc.property(event, (input) => {
        agree(input);
        agree(JSON.parse(JSON.stringify(input)) as Record<string, unknown>);
      }),
      { numRuns: 500 },
    );
  });

  it.each<[string, Record<string, unknown>]>([
    ["a symbol key in a map", { segments: { [Symbol("s")]: "x" } }],
    ["a map without a prototype", { segments: Object.assign(Object.create(null) as object, { region: "eu" }) }],
    ["a Map for a map", { attributes: new Map([["a", 1]]) }],
    ["an array for a map", { evals: [0.5] }],
    ["a Date for retrieval", { retrieval: new Date(0) }],
    ["a class instance for an event", {}],
    ["an own constructor key", { attributes: { constructor: "x" } }],
    ["a __proto__ key", JSON.parse('{"segments":{"__proto__":"x","a":"b"}}') as Record<string, unknown>],
    ["a sparse embedding", { embedding: [1, , 2] }],
  ])("on %s", (name, fields) => {
    const input = { service: "support-bot", timestamp: "2026-11-26T10:00:00Z", event_id: "e", ...fields };
    agree(name === "a class instance for an event" ? Object.assign(new (class Wire {})(), input) : input);
  });

  it("on the demo generator's events", () => {
    const from = new Date("2026-11-26T09:00:00Z");
    let n = 0;
    for (const e of generatePortfolioEvents({ from, to: new Date(from.getTime() + 10 * 60_000), seed: 7, rateScale: 3 })) {
      const input = JSON.parse(JSON.stringify(e)) as Record<string, unknown>;
      expect(parseValidEvent(input)).not.toBe(z.INVALID);
      agree(input);
      n++;
    }
    expect(n).toBeGreaterThan(100);
  });
});
