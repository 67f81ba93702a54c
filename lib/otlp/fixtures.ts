import { otlpTypes } from "./proto.ts";

// Hand-built OTLP requests for the unit tests, in the OTLP/JSON form and as the same message in binary
// protobuf, so both decoders can be held to one expected result.

export type JsonAnyValue =
  | { stringValue: string }
  | { boolValue: boolean }
  | { intValue: string | number }
  | { doubleValue: number | string }
  | { arrayValue: { values: JsonAnyValue[] } };

export interface JsonSpan {
  traceId?: string;
  spanId?: string;
  name?: string;
  kind?: number;
  startTimeUnixNano?: string | number;
  endTimeUnixNano?: string | number;
  attributes?: { key: string; value: JsonAnyValue }[];
  events?: { name: string; timeUnixNano?: string; attributes?: { key: string; value: JsonAnyValue }[] }[];
  status?: { code?: number; message?: string };
}

export const TRACE_ID = "5b8efff798038103d269b633813fc60c";
export const SPAN_ID = "eee19b7ec3c1b174";
/** 2026-11-26T17:00:00.000Z */
export const START_NS = 1_795_712_400_000_000_000n;

/** A key-value list from a plain object: strings, booleans, integers (as int64 strings) and doubles. */
export function kv(values: Record<string, string | number | boolean>): { key: string; value: JsonAnyValue }[] {
  return Object.entries(values).map(([key, v]) => ({
    key,
    value:
      typeof v === "string" ? { stringValue: v } : typeof v === "boolean" ? { boolValue: v } : Number.isInteger(v) ? { intValue: String(v) } : { doubleValue: v },
  }));
}

export function llmSpan(overrides: Partial<JsonSpan> = {}): JsonSpan {
  return {
    traceId: TRACE_ID,
    spanId: SPAN_ID,
    name: "chat gpt-4o",
    kind: 3,
    startTimeUnixNano: START_NS.toString(),
    endTimeUnixNano: (START_NS + 1_250_000_000n).toString(),
    attributes: kv({ "gen_ai.operation.name": "chat", "gen_ai.provider.name": "openai", "gen_ai.request.model": "gpt-4o" }),
    status: { code: 0 },
    ...overrides,
  };
}

export function jsonRequest(spans: JsonSpan[], service = "support-bot") {
  return {
    resourceSpans: [
      {
        resource: { attributes: kv({ "service.name": service }) },
        scopeSpans: [{ scope: { name: "test", version: "1.0.0" }, spans }],
      },
    ],
  };
}

/** The same request in binary protobuf: ids from hex to bytes, everything else as the JSON form has it. */
export function protobufRequest(json: ReturnType<typeof jsonRequest>): Uint8Array {
  const bytes = (hex: string | undefined) => (hex === undefined ? undefined : Buffer.from(hex, "hex"));
  const converted = {
    resourceSpans: json.resourceSpans.map((rs) => ({
      ...rs,
      scopeSpans: rs.scopeSpans.map((ss) => ({
        ...ss,
        spans: ss.spans.map((span) => ({ ...span, traceId: bytes(span.traceId), spanId: bytes(span.spanId) })),
      })),
    })),
  };
  const { ExportTraceServiceRequest } = otlpTypes;
  return ExportTraceServiceRequest.encode(ExportTraceServiceRequest.fromObject(converted)).finish();
}
