import { AppError } from "@/lib/errors.ts";
import { chargeRate, withinCapacity } from "@/lib/http/ingest-guard.ts";
import { parseJson, readBody } from "@/lib/http/read-body.ts";
import { handleApi } from "@/lib/http/respond.ts";
import { exportTraces } from "@/lib/otlp/export-traces.ts";
import { decodeProtobufTraceRequest } from "@/lib/otlp/proto.ts";
import { asOtlpFailure, exportResponse, otlpEncodingOf } from "@/lib/otlp/respond.ts";
import { countSpans, readTraceRequest } from "@/lib/otlp/schema.ts";
import { authenticateApiKey } from "@/lib/services/api-keys/authenticate-api-key.ts";

export const dynamic = "force-dynamic";

/**
 * POST /api/otlp/v1/traces — OTLP/HTTP traces, binary protobuf or JSON (DESIGN.md §3). Auth, limits and
 * back-pressure as POST /api/ingest; LLM-call spans become telemetry events, committed before the answer.
 */
export async function POST(req: Request): Promise<Response> {
  const encoding = otlpEncodingOf(req);
  const response = await handleApi(async () => {
    const now = new Date();
    const principal = await authenticateApiKey(req.headers.get("authorization"), now);
    if (!principal) throw new AppError("UNAUTHENTICATED", 401, "Send an API key: Authorization: Bearer lvk_…");
    if (!principal.scopes.includes("ingest")) throw new AppError("FORBIDDEN", 403, "This API key lacks the ingest scope.");
    if (!encoding) {
      const type = req.headers.get("content-type") || "none";
      throw new AppError("UNSUPPORTED_MEDIA_TYPE", 415, `Content-Type must be application/x-protobuf or application/json; got "${type}".`);
    }
    return withinCapacity(async () => {
      const body = await readBody(req);
      const request = readTraceRequest(encoding === "protobuf" ? decodeProtobufTraceRequest(body) : parseJson(body));
      // Every span costs decoding, LLM call or not, so the rate limit counts spans.
      chargeRate(principal, countSpans(request), now.getTime());
      return exportResponse(encoding, await exportTraces(principal, request, now));
    });
  });
  return response.ok ? response : asOtlpFailure(response, encoding);
}
