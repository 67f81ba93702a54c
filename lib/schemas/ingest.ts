import { z } from "zod";
import type { TelemetryEvent } from "@/lib/domain/event.ts";

// The wire format of one telemetry event (DESIGN.md §3), parsed into the domain's TelemetryEvent.
// Checks that need context — the service exists and the key allows it, the timestamp is within retention
// and not in the future, the embedding has the service's dimension — belong to the ingest use case.

// The limits, shared by the schema and its fast path below.
const MAX_EVENT_ID = 128;
const MAX_KEY = 64;
const MAX_KEYS = 64;
const MAX_LABEL = 256;
const MAX_DOCUMENT_IDS = 100;
const MAX_EMBEDDING = 4096;

/** Token counts are stored as 32-bit integers (PostgreSQL `integer`); nobody sends two billion tokens in a call. */
const MAX_TOKENS = 2_147_483_647;

/**
 * Text the databases store as sent: well-formed UTF-16 (a lone surrogate, legal as a JSON escape, would come back
 * as U+FFFD — another event_id than the one sent) and no U+0000 (PostgreSQL text cannot hold it).
 */
const isStorableText = (v: string) => v.isWellFormed() && !v.includes("\u0000");
const STORABLE = "Must be well-formed Unicode text without U+0000 characters.";
const storable = (schema: z.ZodString) => schema.refine(isStorableText, STORABLE);

export const SERVICE_SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;
export const ServiceSlug = z.string().regex(SERVICE_SLUG, "Expected a service slug: lowercase letters, digits and dashes.");
export const EventId = storable(z.string().min(1).max(MAX_EVENT_ID, `event_id is at most ${MAX_EVENT_ID} characters.`));
const KEY = storable(z.string().min(1, "Keys must not be empty.").max(MAX_KEY, `Keys are at most ${MAX_KEY} characters.`));
// zod's record skips a "__proto__" key (JSON.parse makes it an own key): without this it would vanish silently.
const PROTO_KEY = "__proto__";
const noProtoKey = z.unknown().superRefine((m, ctx) => {
  if (typeof m === "object" && m !== null && Object.hasOwn(m, PROTO_KEY)) {
    ctx.addIssue({ code: "custom", path: [PROTO_KEY], message: `Invalid key: "${PROTO_KEY}" is reserved; use another name.` });
  }
});
const LABEL = storable(z.string().max(MAX_LABEL, `At most ${MAX_LABEL} characters.`));
const TEXT = storable(z.string());
const nonNegative = (what: string) =>
  z.number({ error: `Expected ${what} as a number.` }).finite().nonnegative(`${what} must be ≥ 0.`);
const count = (what: string) =>
  z
    .number({ error: `Expected ${what} as a whole number.` })
    .int(`${what} must be a whole number.`)
    .nonnegative(`${what} must be ≥ 0.`)
    .max(MAX_TOKENS, `${what} is at most ${MAX_TOKENS}.`);
const unit = z.number().finite().min(0, "Must be between 0 and 1.").max(1, "Must be between 0 and 1.");
const EVAL_HINT = "Expected a score between 0 and 1, or true/false.";
export const EvalsMap = () => boundedMap(evalValue, "evals");
export const FeedbackMap = () => boundedMap(z.number().finite(), "feedback values");
export const OutcomesMap = () => boundedMap(z.boolean({ error: "Expected true or false." }), "outcomes");
const evalValue = z.union([z.number().finite().min(0, EVAL_HINT).max(1, EVAL_HINT), z.boolean()], { error: EVAL_HINT });
const boundedMap = <T extends z.ZodType>(value: T, what: string) => {
  const record = z.record(KEY, value).refine((m) => Object.keys(m).length <= MAX_KEYS, `At most ${MAX_KEYS} ${what}.`);
  // Typed as the record it ends in: the check in front narrows nothing a client may send.
  return noProtoKey.pipe(record) as unknown as typeof record;
};
const TIMESTAMP = z.iso.datetime({ offset: true, error: "Expected an RFC 3339 timestamp, e.g. 2026-11-26T17:00:00Z." });

const WireEvent = z.strictObject({
  event_id: EventId.optional(),
  service: ServiceSlug,
  timestamp: TIMESTAMP,
  model: LABEL.optional(),
  provider: LABEL.optional(),
  variant: LABEL.optional(),
  latency_ms: nonNegative("latency_ms").optional(),
  ttft_ms: nonNegative("ttft_ms").optional(),
  status: z.enum(["ok", "error"], { error: 'Expected "ok" or "error".' }).default("ok"),
  error_type: LABEL.optional(),
  input_tokens: count("input_tokens").optional(),
  output_tokens: count("output_tokens").optional(),
  cost_usd: nonNegative("cost_usd").optional(),
  segments: boundedMap(LABEL, "segments").default({}),
  evals: EvalsMap().default({}),
  feedback: FeedbackMap().default({}),
  outcomes: OutcomesMap().default({}),
  retrieval: z
    .strictObject({
      precision: unit.optional(),
      score: z.number().finite().optional(),
      document_ids: z.array(LABEL).max(MAX_DOCUMENT_IDS, `At most ${MAX_DOCUMENT_IDS} document ids.`).optional(),
    })
    .default({}),
  embedding: z.array(z.number().finite()).min(1).max(MAX_EMBEDDING, `At most ${MAX_EMBEDDING} dimensions.`).optional(),
  attributes: boundedMap(z.union([LABEL, z.number().finite()], { error: "Expected a string or a number." }), "attributes").default({}),
  prompt: TEXT.optional(),
  response: TEXT.optional(),
});
type WireEvent = z.output<typeof WireEvent>;

function toParsed(e: WireEvent) {
  return {
    service: e.service,
    event: {
      eventId: e.event_id ?? crypto.randomUUID(),
      timestamp: new Date(e.timestamp),
      model: e.model,
      provider: e.provider,
      variant: e.variant,
      latencyMs: e.latency_ms,
      ttftMs: e.ttft_ms,
      status: e.status,
      errorType: e.error_type,
      inputTokens: e.input_tokens,
      outputTokens: e.output_tokens,
      costUsd: e.cost_usd,
      segments: e.segments,
      evals: e.evals,
      feedback: e.feedback,
      outcomes: e.outcomes,
      retrieval: { precision: e.retrieval.precision, score: e.retrieval.score, documentIds: e.retrieval.document_ids },
      attributes: e.attributes,
      embedding: e.embedding,
      prompt: e.prompt,
      response: e.response,
    } satisfies TelemetryEvent,
  };
}

/**
 * The schema as written, run by zod's interpreter: what it accepts is the contract, and its issues are what
 * clients are told. Parse with IngestEventInput; this is exported for the tests and bench/validate.ts.
 */
export const IngestEventDefinition = WireEvent.transform(toParsed);

// --- Fast path ----------------------------------------------------------------------------------------------
// The interpreter spent ≈ 20–50 µs on a typical event, most of it in the records' per-key schemas and refines.
// parseValidEvent accepts only events the definition accepts, and builds the same result from them; anything
// else (an invalid event, or one it does not bother with, such as a "__proto__" key) it hands back as
// z.INVALID, and zod then runs the interpreter for the issues. So clients get exactly the interpreter's issues,
// and a gap in this code only costs speed. ingest.test.ts checks both directions against the definition.

type Check = (value: unknown) => boolean;

/** The definition's fields; ingest.test.ts fails when the two lists differ. */
export const FAST_PATH_FIELDS: readonly string[] = [
  "event_id", "service", "timestamp", "model", "provider", "variant", "latency_ms", "ttft_ms", "status", "error_type",
  "input_tokens", "output_tokens", "cost_usd", "segments", "evals", "feedback", "outcomes", "retrieval", "embedding",
  "attributes", "prompt", "response",
];
const FIELDS = new Set(FAST_PATH_FIELDS);
const RETRIEVAL_FIELDS = new Set(["precision", "score", "document_ids"]);
/** The definition's own regex (zod sets it when it builds the schema), so both test timestamps alike. */
const TIMESTAMP_PATTERN = TIMESTAMP.def.pattern!;

const isFiniteNumber = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);
const isLabel: Check = (v) => typeof v === "string" && v.length <= MAX_LABEL && isStorableText(v);
const isString: Check = (v) => typeof v === "string" && isStorableText(v);
const isNonNegative: Check = (v) => isFiniteNumber(v) && v >= 0;
const isCount: Check = (v) => Number.isSafeInteger(v) && (v as number) >= 0 && (v as number) <= MAX_TOKENS;
const isUnit: Check = (v) => isFiniteNumber(v) && v >= 0 && v <= 1;
const isBoolean: Check = (v) => typeof v === "boolean";
const isEvalValue: Check = (v) => isBoolean(v) || isUnit(v);
const isAttributeValue: Check = (v) => isLabel(v) || isFiniteNumber(v);
const optional = (v: unknown, check: Check) => v === undefined || check(v);

/** What zod's records and objects take as a plain object (its isPlainObject), narrowed to ordinary prototypes. */
function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== "object" || v === null) return false;
  const prototype: unknown = Object.getPrototypeOf(v);
  if (prototype !== Object.prototype && prototype !== null) return false;
  const constructor = (v as { constructor?: unknown }).constructor;
  return constructor === undefined || constructor === Object || typeof constructor !== "function";
}

/** A bounded map (keys of 1–MAX_KEY characters, at most MAX_KEYS, each value passing `check`), copied as zod's record does. */
function parseMap<T>(m: unknown, check: Check): Record<string, T> | undefined {
  if (m === undefined) return {};
  if (!isPlainObject(m) || Object.getOwnPropertySymbols(m).length > 0) return undefined;
  const keys = Object.keys(m);
  if (keys.length > MAX_KEYS) return undefined;
  const copy: Record<string, T> = {};
  for (const key of keys) {
    const value = m[key];
    if (key.length === 0 || key.length > MAX_KEY || key === PROTO_KEY || !isStorableText(key) || !check(value)) return undefined;
    copy[key] = value as T;
  }
  return copy;
}

function parseRetrieval(r: unknown): WireEvent["retrieval"] | undefined {
  if (r === undefined) return {};
  if (!isPlainObject(r) || Object.keys(r).some((key) => !RETRIEVAL_FIELDS.has(key))) return undefined;
  const ids = r.document_ids;
  if (!optional(r.precision, isUnit) || !optional(r.score, isFiniteNumber)) return undefined;
  if (ids !== undefined && !(Array.isArray(ids) && ids.length <= MAX_DOCUMENT_IDS && ids.every(isLabel))) return undefined;
  return { precision: r.precision as number | undefined, score: r.score as number | undefined, document_ids: ids?.slice() };
}

function parseEmbedding(v: unknown): number[] | undefined | null {
  if (v === undefined) return undefined;
  if (!Array.isArray(v) || v.length < 1 || v.length > MAX_EMBEDDING) return null;
  for (let i = 0; i < v.length; i++) if (!isFiniteNumber(v[i])) return null;
  return v.slice();
}

/** The definition's result for an event it accepts; z.INVALID for anything else (the interpreter decides). */
export function parseValidEvent(input: unknown): z.output<typeof IngestEventDefinition> | typeof z.INVALID {
  if (!isPlainObject(input)) return z.INVALID;
  for (const key of Object.keys(input)) if (!FIELDS.has(key)) return z.INVALID;
  const e = input;
  const { event_id: id, service, timestamp } = e;
  if (id !== undefined && !(typeof id === "string" && id.length >= 1 && id.length <= MAX_EVENT_ID && isStorableText(id))) return z.INVALID;
  if (typeof service !== "string" || !SERVICE_SLUG.test(service)) return z.INVALID;
  if (typeof timestamp !== "string" || !TIMESTAMP_PATTERN.test(timestamp)) return z.INVALID;
  const status = e.status ?? "ok";
  if (status !== "ok" && status !== "error") return z.INVALID;
  if (!(optional(e.model, isLabel) && optional(e.provider, isLabel) && optional(e.variant, isLabel) && optional(e.error_type, isLabel))) return z.INVALID;
  if (!(optional(e.latency_ms, isNonNegative) && optional(e.ttft_ms, isNonNegative) && optional(e.cost_usd, isNonNegative))) return z.INVALID;
  if (!(optional(e.input_tokens, isCount) && optional(e.output_tokens, isCount))) return z.INVALID;
  if (!(optional(e.prompt, isString) && optional(e.response, isString))) return z.INVALID;
  const segments = parseMap<string>(e.segments, isLabel);
  const evals = parseMap<number | boolean>(e.evals, isEvalValue);
  const feedback = parseMap<number>(e.feedback, isFiniteNumber);
  const outcomes = parseMap<boolean>(e.outcomes, isBoolean);
  const attributes = parseMap<string | number>(e.attributes, isAttributeValue);
  const retrieval = parseRetrieval(e.retrieval);
  const embedding = parseEmbedding(e.embedding);
  if (!segments || !evals || !feedback || !outcomes || !attributes || !retrieval || embedding === null) return z.INVALID;
  // Built field by field: a spread of the input made a dictionary-mode object that cost more than the checks.
  return toParsed({
    event_id: id, service, timestamp, model: e.model as string | undefined, provider: e.provider as string | undefined,
    variant: e.variant as string | undefined, latency_ms: e.latency_ms as number | undefined, ttft_ms: e.ttft_ms as number | undefined,
    status, error_type: e.error_type as string | undefined, input_tokens: e.input_tokens as number | undefined,
    output_tokens: e.output_tokens as number | undefined, cost_usd: e.cost_usd as number | undefined,
    segments, evals, feedback, outcomes, retrieval, embedding, attributes,
    prompt: e.prompt as string | undefined, response: e.response as string | undefined,
  });
}

/**
 * Parses one event: valid events take parseValidEvent (≈ 4× cheaper than the interpreter, bench/validate.ts);
 * the rest fall back to the interpreter (zod's withParser), which reports the issues.
 */
export const IngestEventInput = z.withParser(IngestEventDefinition, parseValidEvent);

export type IngestEventInput = z.input<typeof IngestEventInput>;
export type ParsedIngestEvent = z.output<typeof IngestEventInput>;
