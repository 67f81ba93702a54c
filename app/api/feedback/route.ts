import { AppError } from "@/lib/errors.ts";
import { assertJsonContentType, parseJson, readBody } from "@/lib/http/read-body.ts";
import { handleApi } from "@/lib/http/respond.ts";
import { FeedbackInput } from "@/lib/schemas/feedback.ts";
import { authenticateApiKey } from "@/lib/services/api-keys/authenticate-api-key.ts";
import { recordFeedback } from "@/lib/services/ingest/record-feedback.ts";

export const dynamic = "force-dynamic";

/**
 * POST /api/feedback — ground truth that arrives after the event (a rating, a resolved ticket, a late eval),
 * joined by event_id. It updates the event and the rollups of the event's own bucket, exactly once: sending
 * the same feedback again changes nothing (200 with `updated: false`).
 */
export function POST(req: Request): Promise<Response> {
  return handleApi(async () => {
    const now = new Date();
    const principal = await authenticateApiKey(req.headers.get("authorization"), now);
    if (!principal) throw new AppError("UNAUTHENTICATED", 401, "Send an API key: Authorization: Bearer lvk_…");
    if (!principal.scopes.includes("ingest")) throw new AppError("FORBIDDEN", 403, "This API key lacks the ingest scope.");
    assertJsonContentType(req.headers.get("content-type"));
    const input = FeedbackInput.parse(parseJson(await readBody(req, 64 * 1024)));
    return Response.json(await recordFeedback(principal, input, now));
  });
}
