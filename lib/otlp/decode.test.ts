import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors.ts";
import { jsonRequest, kv, llmSpan, protobufRequest, SPAN_ID, START_NS, TRACE_ID } from "./fixtures.ts";
import { decodeProtobufTraceRequest, encodeProtobufStatus, encodeProtobufTraceResponse, otlpTypes } from "./proto.ts";
import { countSpans, readTraceRequest } from "./schema.ts";

const span = llmSpan({
  attributes: [
    ...kv({ "gen_ai.request.model": "gpt-4o", "gen_ai.usage.input_tokens": 1200, "llm.cost.total": 0.0042, "vitals.attr.beta": true }),
    { key: "gen_ai.response.finish_reasons", value: { arrayValue: { values: [{ stringValue: "stop" }] } } },
  ],
  events: [{ name: "gen_ai.evaluation.result", attributes: kv({ "gen_ai.evaluation.name": "relevance", "gen_ai.evaluation.score.value": 0.75 }) }],
  status: { code: 2, message: "upstream timeout" },
});

function thrown(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected a throw");
}

describe("OTLP/JSON", () => {
  it("reads ids, 64-bit times, attributes of every scalar type, events and status", () => {
    const request = readTraceRequest(jsonRequest([span]));
    const resource = request.resourceSpans[0]!;
    expect(resource.resource.attributes.get("service.name")).toBe("support-bot");
    const read = resource.scopeSpans[0]!.spans[0]!;
    expect(read).toMatchObject({ traceId: TRACE_ID, spanId: SPAN_ID, startTimeUnixNano: START_NS, endTimeUnixNano: START_NS + 1_250_000_000n });
    expect(Object.fromEntries(read.attributes)).toEqual({
      "gen_ai.request.model": "gpt-4o",
      "gen_ai.usage.input_tokens": 1200,
      "llm.cost.total": 0.0042,
      "vitals.attr.beta": true,
      // arrays are not scalars: no mapped field takes one, so they are left out
    });
    expect(read.events[0]?.attributes.get("gen_ai.evaluation.score.value")).toBe(0.75);
    expect(read.status).toEqual({ code: 2, message: "upstream timeout" });
    expect(countSpans(request)).toBe(1);
  });

  it("accepts 64-bit integers as numbers, nulls as absent, unknown fields, and enum names", () => {
    const raw = {
      resourceSpans: [
        {
          resource: null,
          schemaUrl: "https://opentelemetry.io/schemas/1.37.0",
          scopeSpans: [{ spans: [{ ...llmSpan(), startTimeUnixNano: 1_000, endTimeUnixNano: 3_000, status: { code: "STATUS_CODE_ERROR" }, links: [], flags: 257 }] }],
        },
      ],
    };
    const read = readTraceRequest(raw).resourceSpans[0]!;
    expect(read.resource.attributes.size).toBe(0);
    expect(read.scopeSpans[0]!.spans[0]).toMatchObject({ startTimeUnixNano: 1000n, endTimeUnixNano: 3000n, status: { code: 2, message: "" } });
  });

  it("takes an empty request as an empty export", () => {
    expect(readTraceRequest({}).resourceSpans).toEqual([]);
  });

  it.each([
    [{ resourceSpans: {} }, "resourceSpans"],
    [{ resourceSpans: [{ scopeSpans: [{ spans: [{ startTimeUnixNano: "soon" }] }] }] }, "resourceSpans.0.scopeSpans.0.spans.0.startTimeUnixNano"],
    [{ resourceSpans: [{ scopeSpans: [{ spans: [{ traceId: 12 }] }] }] }, "resourceSpans.0.scopeSpans.0.spans.0.traceId"],
    [[], "(root)"],
  ])("a structural mismatch is a 400 naming the path (%#)", (raw, path) => {
    const error = thrown(() => readTraceRequest(raw));
    expect(error.status).toBe(400);
    expect(error.publicMessage).toContain(path);
  });
});

describe("OTLP protobuf", () => {
  it("decodes to what the JSON form reads as", () => {
    const json = jsonRequest([span, llmSpan({ spanId: "00f067aa0ba902b7", status: { code: 1 } })]);
    const fromProtobuf = readTraceRequest(decodeProtobufTraceRequest(protobufRequest(json)));
    expect(fromProtobuf).toEqual(readTraceRequest(json));
  });

  it("keeps nanosecond times exact beyond 2^53", () => {
    const json = jsonRequest([llmSpan({ startTimeUnixNano: "1795712400123456789", endTimeUnixNano: "1795712400123456790" })]);
    const read = readTraceRequest(decodeProtobufTraceRequest(protobufRequest(json)));
    const decoded = read.resourceSpans[0]!.scopeSpans[0]!.spans[0]!;
    expect(decoded.endTimeUnixNano - decoded.startTimeUnixNano).toBe(1n);
  });

  it("answers bytes that are not a request with a 400", () => {
    const error = thrown(() => decodeProtobufTraceRequest(Buffer.from("{\"resourceSpans\": []}")));
    expect(error.status).toBe(400);
    expect(error.publicMessage).toMatch(/not a protobuf ExportTraceServiceRequest/);
  });

  it("encodes the response and the error status", () => {
    const { ExportTraceServiceResponse, Status } = otlpTypes;
    expect(encodeProtobufTraceResponse(undefined)).toHaveLength(0);
    const partial = ExportTraceServiceResponse.toObject(ExportTraceServiceResponse.decode(encodeProtobufTraceResponse({ rejectedSpans: 2, errorMessage: "two" })), { longs: Number });
    expect(partial).toEqual({ partialSuccess: { rejectedSpans: 2, errorMessage: "two" } });
    expect(Status.toObject(Status.decode(encodeProtobufStatus(16, "no key")))).toEqual({ code: 16, message: "no key" });
  });
});
