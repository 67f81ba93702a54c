import type { Principal } from "@/lib/auth/principal.ts";
import { getDb } from "@/lib/db/client.ts";
import { readEventDetail, type EventDetail } from "@/lib/db/event-queries.ts";
import { AppError } from "@/lib/errors.ts";
import { loadEventService, mayReadPrompts } from "./event-access.ts";

export interface EventView {
  event: EventDetail;
  /**
   * Why prompt and response are absent, when they are: "not-stored" (the service keeps none), "not-allowed"
   * (this caller may not read them; they are removed from the answer), or null when shown as stored.
   */
  promptsWithheld: "not-stored" | "not-allowed" | null;
}

/** GET /api/services/{slug}/events/{eventId}: everything stored about one event, prompts per the caller. */
export async function getEvent(principal: Principal, slug: string, eventId: string): Promise<EventView> {
  const { service } = await loadEventService(principal, slug);
  const event = await readEventDetail(await getDb(), service.id, eventId);
  if (!event) throw new AppError("NOT_FOUND", 404, `No event "${eventId}" in "${slug}".`);
  if (!mayReadPrompts(principal)) return { event: { ...event, prompt: null, response: null }, promptsWithheld: "not-allowed" };
  return { event, promptsWithheld: service.storePrompts ? null : "not-stored" };
}
