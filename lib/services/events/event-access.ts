import { can } from "@/lib/auth/permissions.ts";
import { mayRead, type Principal } from "@/lib/auth/principal.ts";
import { AppError } from "@/lib/errors.ts";
import { loadScoredService, type ScoredService } from "@/lib/services/health/scored-service.ts";

// Who may read raw events (DESIGN.md §8: `events.read`, engineer and up) and who may read their prompts and
// responses. Decision for prompts: they are raw events too, so the same permission guards them — a viewer sees
// neither events nor prompts. An API key with the `read` scope may list a service's events for scripts, but
// never their prompts or responses: a key is not a person who can be held to the privacy policy.

export function mayReadEvents(principal: Principal, serviceId: string): boolean {
  return mayRead(principal, serviceId) && (principal.kind !== "user" || can(principal.user, "events.read"));
}

export function mayReadPrompts(principal: Principal): boolean {
  return principal.kind === "system" || (principal.kind === "user" && can(principal.user, "events.read"));
}

/** The service, if the caller may read its raw events: 404 for no such service, 403 otherwise. */
export async function loadEventService(principal: Principal, slug: string): Promise<ScoredService> {
  const scored = await loadScoredService(principal, slug);
  if (!mayReadEvents(principal, scored.service.id)) {
    throw new AppError("FORBIDDEN", 403, "Reading raw events needs the engineer role or above.");
  }
  return scored;
}
