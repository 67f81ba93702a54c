import protobuf from "protobufjs";
import { AppError } from "@/lib/errors.ts";

// The slice of the OTLP protobuf schema this receiver reads (opentelemetry-proto v1: common, resource,
// trace, collector/trace) plus google.rpc.Status for error bodies. Field numbers and types are upstream's;
// fields we never read (parent id, kind, links, flags, trace_state, dropped counts, scope, schema_url) are
// left out, and the decoder skips unknown fields, so a newer exporter's request still decodes. Parsed from
// text at load time so no generated code or .proto file has to travel with the bundle.
const SCHEMA = `
syntax = "proto3";
package opentelemetry.proto;

message AnyValue {
  oneof value {
    string string_value = 1;
    bool bool_value = 2;
    int64 int_value = 3;
    double double_value = 4;
    ArrayValue array_value = 5;
    KeyValueList kvlist_value = 6;
    bytes bytes_value = 7;
  }
}
message ArrayValue { repeated AnyValue values = 1; }
message KeyValueList { repeated KeyValue values = 1; }
message KeyValue { string key = 1; AnyValue value = 2; }
message Resource { repeated KeyValue attributes = 1; }

message ExportTraceServiceRequest { repeated ResourceSpans resource_spans = 1; }
message ResourceSpans { Resource resource = 1; repeated ScopeSpans scope_spans = 2; }
message ScopeSpans { repeated Span spans = 2; }
message Span {
  bytes trace_id = 1;
  bytes span_id = 2;
  string name = 5;
  fixed64 start_time_unix_nano = 7;
  fixed64 end_time_unix_nano = 8;
  repeated KeyValue attributes = 9;
  repeated Event events = 11;
  Status status = 15;
  message Event { fixed64 time_unix_nano = 1; string name = 2; repeated KeyValue attributes = 3; }
}
message Status { string message = 2; int32 code = 3; }

message ExportTraceServiceResponse { ExportTracePartialSuccess partial_success = 1; }
message ExportTracePartialSuccess { int64 rejected_spans = 1; string error_message = 2; }

message RpcStatus { int32 code = 1; string message = 2; }
`;

const root = protobuf.parse(SCHEMA, { keepCase: false }).root;

/** The message types, exported for tests that build requests by hand. */
export const otlpTypes = {
  ExportTraceServiceRequest: root.lookupType("opentelemetry.proto.ExportTraceServiceRequest"),
  ExportTraceServiceResponse: root.lookupType("opentelemetry.proto.ExportTraceServiceResponse"),
  /** google.rpc.Status: same fields and numbers (details, an Any list, is never sent). */
  Status: root.lookupType("opentelemetry.proto.RpcStatus"),
};

/**
 * Decodes a binary ExportTraceServiceRequest into the OTLP/JSON shape (lowerCamelCase keys, hex ids,
 * 64-bit integers as decimal strings, bytes values as base64), so one schema reads both encodings.
 */
export function decodeProtobufTraceRequest(body: Uint8Array): unknown {
  let message: protobuf.Message;
  try {
    message = otlpTypes.ExportTraceServiceRequest.decode(body);
  } catch (error) {
    throw new AppError("BAD_REQUEST", 400, `The body is not a protobuf ExportTraceServiceRequest: ${(error as Error).message}`);
  }
  const request = otlpTypes.ExportTraceServiceRequest.toObject(message, { longs: String, bytes: String, enums: Number });
  for (const resourceSpans of records(request.resourceSpans)) {
    for (const scopeSpans of records(resourceSpans.scopeSpans)) {
      for (const span of records(scopeSpans.spans)) {
        // OTLP/JSON writes ids as hex where the proto3 JSON mapping would write base64.
        for (const field of ["traceId", "spanId"]) {
          const id = span[field];
          if (typeof id === "string") span[field] = Buffer.from(id, "base64").toString("hex");
        }
      }
    }
  }
  return request;
}

export interface PartialSuccess {
  rejectedSpans: number;
  errorMessage: string;
}

export function encodeProtobufTraceResponse(partialSuccess: PartialSuccess | undefined): Uint8Array {
  const { ExportTraceServiceResponse } = otlpTypes;
  return ExportTraceServiceResponse.encode(ExportTraceServiceResponse.fromObject(partialSuccess ? { partialSuccess } : {})).finish();
}

export function encodeProtobufStatus(code: number, message: string): Uint8Array {
  return otlpTypes.Status.encode(otlpTypes.Status.fromObject({ code, message })).finish();
}

/** toObject's result is untyped; this walks it only to rewrite ids. */
function records(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value : [];
}
