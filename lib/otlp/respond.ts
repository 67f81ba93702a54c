import type { ErrorBody, ErrorCode } from "@/lib/errors.ts";
import { encodeProtobufStatus, encodeProtobufTraceResponse, type PartialSuccess } from "./proto.ts";

// OTLP/HTTP answers in the encoding it was asked in (opentelemetry-proto docs/specification.md, "OTLP/HTTP
// Response"): an ExportTraceServiceResponse on 200, a google.rpc.Status on 4xx/5xx. Status codes and
// Retry-After are the product's (429 and 503 are the ones exporters retry; 400, 401, 403, 413, 415 not).

export type OtlpEncoding = "protobuf" | "json";

const CONTENT_TYPES: Record<OtlpEncoding, string> = { protobuf: "application/x-protobuf", json: "application/json" };

/** The request's encoding from its Content-Type, or null when it is neither OTLP encoding (a 415). */
export function otlpEncodingOf(req: Request): OtlpEncoding | null {
  const type = (req.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type === CONTENT_TYPES.protobuf) return "protobuf";
  if (type === CONTENT_TYPES.json) return "json";
  return null;
}

export function exportResponse(encoding: OtlpEncoding, partialSuccess: PartialSuccess | undefined): Response {
  const headers = { "content-type": CONTENT_TYPES[encoding] };
  if (encoding === "protobuf") return new Response(new Uint8Array(encodeProtobufTraceResponse(partialSuccess)), { headers });
  // rejectedSpans is an int64, which proto3 JSON writes as a string but every proto3 JSON parser also reads
  // as a number; a number is what plain JSON.parse-based exporters (OTel JS) can use as is.
  return new Response(JSON.stringify(partialSuccess ? { partialSuccess } : {}), { headers });
}

/** gRPC codes for Status.code: the spec lets servers omit it, but it costs nothing and helps logs. */
const GRPC_CODES: Record<ErrorCode, number> = {
  BAD_REQUEST: 3, // INVALID_ARGUMENT
  UNPROCESSABLE: 3,
  UNSUPPORTED_MEDIA_TYPE: 3,
  UNAUTHENTICATED: 16,
  FORBIDDEN: 7, // PERMISSION_DENIED
  NOT_FOUND: 5,
  CONFLICT: 6, // ALREADY_EXISTS
  PAYLOAD_TOO_LARGE: 8, // RESOURCE_EXHAUSTED
  RATE_LIMITED: 8,
  UNAVAILABLE: 14,
  INTERNAL: 13,
};

/**
 * Re-encodes an error answer of handleApi (`{ error: { code, message } }`) as a google.rpc.Status, keeping its
 * HTTP status and headers (Retry-After, x-request-id). handleApi stays the one place that decides what an
 * error means (AppError, a database outage as 503, unknown errors as a logged 500); this only changes the
 * encoding. A request in neither OTLP encoding gets the JSON form.
 */
export async function asOtlpFailure(response: Response, encoding: OtlpEncoding | null): Promise<Response> {
  const { error } = (await response.json()) as ErrorBody;
  const code = GRPC_CODES[error.code] ?? 2; // UNKNOWN
  const message = error.requestId ? `${error.message} (request id ${error.requestId})` : error.message;
  const headers = new Headers(response.headers);
  headers.set("content-type", CONTENT_TYPES[encoding ?? "json"]);
  const body = encoding === "protobuf" ? new Uint8Array(encodeProtobufStatus(code, message)) : JSON.stringify({ code, message });
  return new Response(body, { status: response.status, headers });
}
