import { readApi } from "@/lib/http/read-api.ts";
import { EventsQuery } from "@/lib/schemas/events-query.ts";
import { listEvents } from "@/lib/services/events/list-events.ts";

export const dynamic = "force-dynamic";

/** GET /api/services/{slug}/events?filter&segment=<dim>:<value>&eval&from&to&cursor&limit (engineer and up). */
export async function GET(req: Request, { params }: { params: Promise<{ slug: string }> }): Promise<Response> {
  const { slug } = await params;
  return readApi(req, EventsQuery, (principal, query, now) => listEvents(principal, slug, query, now));
}
