import { z } from "zod";
import { readApi } from "@/lib/http/read-api.ts";
import { getEvent } from "@/lib/services/events/get-event.ts";

export const dynamic = "force-dynamic";

/** GET /api/services/{slug}/events/{eventId}: one event; prompt and response only for roles allowed them. */
export async function GET(req: Request, { params }: { params: Promise<{ slug: string; eventId: string }> }): Promise<Response> {
  const { slug, eventId } = await params;
  return readApi(req, z.strictObject({}), (principal) => getEvent(principal, slug, eventId));
}
