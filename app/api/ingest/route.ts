import { ingestRequest } from "@/lib/http/ingest-request.ts";
import { webBody } from "@/lib/http/read-body.ts";
import { replyToResponse } from "@/lib/http/respond.ts";

export const dynamic = "force-dynamic";

/**
 * POST /api/ingest — DESIGN.md §3 (lib/http/ingest-request.ts). The production server (scripts/server.mjs) answers
 * this path itself, before Next.js's router; this handler serves `next dev` and anything else that runs the app.
 */
export async function POST(req: Request): Promise<Response> {
  return replyToResponse(await ingestRequest(webBody(req)));
}
