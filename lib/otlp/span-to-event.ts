import type { ErrorIssue } from "@/lib/errors.ts";
import type { IngestEventInput } from "@/lib/schemas/ingest.ts";
import {
  ATTRIBUTE_PREFIX,
  EVALUATION,
  LLM_SPAN,
  SEGMENT_PREFIX,
  SERVICE_NAME,
  STATUS_CODE_ERROR,
  TTFT_SECONDS,
  WIRE_FIELDS,
} from "./conventions.ts";
import type { Attributes, OtlpSpan, Scalar } from "./schema.ts";

/**
 * A wire-format event (DESIGN.md §3) as built from a span. Values keep the type the span gave them, so a
 * token count sent as a string reaches the ingest schema and is rejected there with its usual message.
 */
export type SpanEvent = { service: string; timestamp: string } & Partial<Record<keyof IngestEventInput, unknown>>;

export type SpanOutcome =
  /** not an LLM call: accepted and dropped, neither stored nor rejected */
  | { kind: "ignored" }
  /** warnings: parts of the span that could not be mapped and were left out */
  | { kind: "event"; event: SpanEvent; warnings: string[] }
  /** a span too malformed to make an event of (bad ids, no start time, no service) */
  | { kind: "rejected"; eventId: string | null; errors: ErrorIssue[] };

const TRACE_ID = /^[0-9a-f]{32}$/;
const SPAN_ID = /^[0-9a-f]{16}$/;
/** The largest instant a JS Date holds; later start times would throw in toISOString. */
const MAX_DATE_MS = 8.64e15;
/** The wire format's limit for labels: a status message is free text of any length, and an error span is
 * worth keeping for the error rate even when its error type is too long, so error_type is cut to fit. */
const LABEL_MAX = 256;
const BOOLEAN_LABELS = new Map([["true", true], ["false", false]]);

export function isLlmCall(attributes: Attributes): boolean {
  const kind = attributes.get(LLM_SPAN.openInferenceKind);
  if (kind !== undefined) return String(kind).toUpperCase() === "LLM";
  const operation = attributes.get(LLM_SPAN.operation);
  if (operation !== undefined) return !LLM_SPAN.notModelCalls.has(String(operation));
  for (const key of attributes.keys()) if (LLM_SPAN.prefixes.some((prefix) => key.startsWith(prefix))) return true;
  return false;
}

/** Maps one span of a resource to a wire-format event (conventions.ts has the table). */
export function spanToEvent(resource: Attributes, span: OtlpSpan): SpanOutcome {
  const attributes = span.attributes;
  if (!isLlmCall(attributes)) return { kind: "ignored" };

  const traceId = span.traceId.toLowerCase();
  const spanId = span.spanId.toLowerCase();
  const errors: ErrorIssue[] = [];
  if (!TRACE_ID.test(traceId) || /^0+$/.test(traceId)) errors.push({ path: "traceId", message: "Expected 16 bytes (32 hex digits), not all zero." });
  if (!SPAN_ID.test(spanId) || /^0+$/.test(spanId)) errors.push({ path: "spanId", message: "Expected 8 bytes (16 hex digits), not all zero." });
  const service = resource.get(SERVICE_NAME);
  if (typeof service !== "string" || service === "") {
    errors.push({ path: `resource.${SERVICE_NAME}`, message: "Set the resource attribute service.name (OTEL_SERVICE_NAME) to the slug of a service." });
  }
  const startMs = Number(span.startTimeUnixNano / 1_000_000n);
  if (span.startTimeUnixNano === 0n || startMs > MAX_DATE_MS) errors.push({ path: "startTimeUnixNano", message: "Expected the span's start time." });
  // Trace and span id together are unique per span, so an exporter's retry of a batch deduplicates.
  const eventId = errors.some((e) => e.path === "traceId" || e.path === "spanId") ? null : `${traceId}-${spanId}`;
  if (errors.length > 0 || typeof service !== "string" || eventId === null) return { kind: "rejected", eventId, errors };

  const event: SpanEvent = {
    event_id: eventId,
    service,
    timestamp: new Date(startMs).toISOString(),
    // Nanoseconds to milliseconds; an end before the start goes negative and the ingest schema says so.
    latency_ms: Number(span.endTimeUnixNano - span.startTimeUnixNano) / 1e6,
    status: span.status.code === STATUS_CODE_ERROR ? "error" : "ok",
  };
  for (const field of ["provider", "model", "variant"] as const) setIfPresent(event, field, text(first(attributes, WIRE_FIELDS[field])));
  for (const field of ["input_tokens", "output_tokens", "cost_usd"] as const) setIfPresent(event, field, first(attributes, WIRE_FIELDS[field]));
  const ttftSeconds = first(attributes, TTFT_SECONDS);
  setIfPresent(event, "ttft_ms", typeof ttftSeconds === "number" ? ttftSeconds * 1000 : ttftSeconds);
  if (event.status === "error") {
    const statusMessage = span.status.message.trim() || undefined;
    setIfPresent(event, "error_type", (text(first(attributes, WIRE_FIELDS.error_type)) ?? statusMessage)?.slice(0, LABEL_MAX));
  }

  const warnings: string[] = [];
  setIfNotEmpty(event, "evals", evalsOf(span, warnings));
  // Resource-level vitals.* keys apply to every span of the resource; the span's own keys win.
  setIfNotEmpty(event, "segments", underPrefix([resource, attributes], SEGMENT_PREFIX, (v) => String(v)));
  setIfNotEmpty(event, "attributes", underPrefix([resource, attributes], ATTRIBUTE_PREFIX, (v) => (typeof v === "boolean" ? String(v) : v)));
  return { kind: "event", event, warnings };
}

function evalsOf(span: OtlpSpan, warnings: string[]): Record<string, Scalar> {
  const evals: Record<string, Scalar> = {};
  for (const spanEvent of span.events) {
    if (spanEvent.name !== EVALUATION.event) continue;
    const name = spanEvent.attributes.get(EVALUATION.name);
    if (typeof name !== "string" || name === "") {
      warnings.push(`a ${EVALUATION.event} event without ${EVALUATION.name} was left out`);
      continue;
    }
    const value = spanEvent.attributes.get(EVALUATION.value);
    if (value !== undefined) {
      evals[name] = value;
      continue;
    }
    const label = spanEvent.attributes.get(EVALUATION.label);
    const asBoolean = typeof label === "boolean" ? label : BOOLEAN_LABELS.get(String(label).trim().toLowerCase());
    if (asBoolean !== undefined) evals[name] = asBoolean;
    else warnings.push(`eval "${name}" was left out: no ${EVALUATION.value}, and its label ${JSON.stringify(label ?? null)} is not true or false`);
  }
  return evals;
}

function underPrefix<T>(sources: readonly Attributes[], prefix: string, convert: (value: Scalar) => T): Record<string, T> {
  const out: Record<string, T> = {};
  for (const source of sources) {
    for (const [key, value] of source) if (key.startsWith(prefix)) out[key.slice(prefix.length)] = convert(value);
  }
  return out;
}

function first(attributes: Attributes, keys: readonly string[]): Scalar | undefined {
  for (const key of keys) {
    const value = attributes.get(key);
    if (value !== undefined) return value;
  }
  return undefined;
}

function text(value: Scalar | undefined): string | undefined {
  return value === undefined ? undefined : String(value);
}

type OptionalField = Exclude<keyof IngestEventInput, "service" | "timestamp">;

function setIfPresent(event: SpanEvent, field: OptionalField, value: unknown): void {
  if (value !== undefined) event[field] = value;
}

function setIfNotEmpty(event: SpanEvent, field: "evals" | "segments" | "attributes", value: Record<string, unknown>): void {
  if (Object.keys(value).length > 0) event[field] = value;
}
