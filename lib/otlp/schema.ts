import { z } from "zod";
import { AppError, issuePath } from "@/lib/errors.ts";

// ExportTraceServiceRequest in the OTLP/JSON encoding (opentelemetry-proto docs/specification.md, "JSON
// Protobuf Encoding"): lowerCamelCase keys, unknown keys ignored, ids as hex strings, 64-bit integers as
// numbers or decimal strings, enums as integers, null meaning "absent" (proto3 JSON). The protobuf decoder
// produces the same shape, so this is the one reader of both encodings. Only the envelope's structure is
// checked here — a body that fails it is a 400; a span with odd content is rejected on its own later.

/** Attribute values this receiver maps; arrays and key-value lists are kept out (no mapped field takes one). */
export type Scalar = string | number | boolean;
export type Attributes = ReadonlyMap<string, Scalar>;

const optional = <T extends z.ZodType>(schema: T, fallback: z.output<T>) =>
  schema.nullish().transform((value): z.output<T> => value ?? fallback);

const UINT64 = z
  .union([z.number().int().nonnegative(), z.string().regex(/^\d{1,20}$/, "Expected an unsigned integer.")], {
    error: "Expected an unsigned integer (a number or a decimal string).",
  })
  .transform((value) => BigInt(value));

const KeyValue = z.object({ key: z.string(), value: z.unknown() });
const AttributeList = optional(z.array(KeyValue), []).transform(toAttributes);

const STATUS_CODES: Record<string, number> = { STATUS_CODE_UNSET: 0, STATUS_CODE_OK: 1, STATUS_CODE_ERROR: 2 };

const Span = z.object({
  traceId: optional(z.string(), ""),
  spanId: optional(z.string(), ""),
  name: optional(z.string(), ""),
  startTimeUnixNano: optional(UINT64, 0n),
  endTimeUnixNano: optional(UINT64, 0n),
  attributes: AttributeList,
  events: optional(z.array(z.object({ name: optional(z.string(), ""), attributes: AttributeList })), []),
  status: optional(
    z.object({
      // OTLP/JSON requires integers; the enum names are accepted too, as proto3 JSON parsers do.
      code: optional(z.union([z.number().int(), z.enum(Object.keys(STATUS_CODES))]), 0).transform((c) => (typeof c === "number" ? c : STATUS_CODES[c]!)),
      message: optional(z.string(), ""),
    }),
    { code: 0, message: "" },
  ),
});

const TraceRequest = z.object({
  resourceSpans: optional(
    z.array(
      z.object({
        resource: optional(z.object({ attributes: AttributeList }), { attributes: new Map() }),
        scopeSpans: optional(z.array(z.object({ spans: optional(z.array(Span), []) })), []),
      }),
    ),
    [],
  ),
});

export type OtlpSpan = z.output<typeof Span>;
export type OtlpTraceRequest = z.output<typeof TraceRequest>;

/** Reads an OTLP/JSON-shaped object; a structural mismatch is a 400 naming the first bad path. */
export function readTraceRequest(raw: unknown): OtlpTraceRequest {
  const parsed = TraceRequest.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue ? issuePath(issue.path) : "(root)";
  throw new AppError("BAD_REQUEST", 400, `Not an ExportTraceServiceRequest: ${where}: ${issue?.message ?? "invalid"}`);
}

/** The number of spans in a request, mapped or not. */
export function countSpans(request: OtlpTraceRequest): number {
  let spans = 0;
  for (const resourceSpans of request.resourceSpans) for (const scope of resourceSpans.scopeSpans) spans += scope.spans.length;
  return spans;
}

function toAttributes(list: readonly { key: string; value: unknown }[]): Attributes {
  const attributes = new Map<string, Scalar>();
  for (const { key, value } of list) {
    const scalar = scalarOf(value);
    if (scalar !== undefined) attributes.set(key, scalar);
  }
  return attributes;
}

/** An AnyValue's scalar, or undefined for arrays, key-value lists, bytes and malformed values. */
function scalarOf(value: unknown): Scalar | undefined {
  if (!value || typeof value !== "object") return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v.stringValue === "string") return v.stringValue;
  if (typeof v.boolValue === "boolean") return v.boolValue;
  if (typeof v.intValue === "number" && Number.isInteger(v.intValue)) return v.intValue;
  // int64 as a decimal string; beyond 2^53 it loses precision, which no mapped field (tokens, counts) reaches.
  if (typeof v.intValue === "string" && /^-?\d{1,20}$/.test(v.intValue)) return Number(v.intValue);
  if (typeof v.doubleValue === "number") return v.doubleValue;
  // proto3 JSON writes non-finite doubles as strings; "NaN" stays a number and fails validation downstream.
  if (typeof v.doubleValue === "string" && /^(-?Infinity|NaN|-?[\d.eE+-]+)$/.test(v.doubleValue)) return Number(v.doubleValue);
  return undefined;
}
