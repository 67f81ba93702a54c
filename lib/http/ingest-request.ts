import { z } from "zod";
import { AppError } from "@/lib/errors.ts";
import { authenticateApiKey } from "@/lib/services/api-keys/authenticate-api-key.ts";
import { ingestEvents } from "@/lib/services/ingest/ingest-events.ts";
import { chargeRate, withinCapacity } from "./ingest-guard.ts";
import { assertJsonContentType, parseJson, readBodyFrom, type BodySource } from "./read-body.ts";
import { handleApiReply, type ApiReply } from "./respond.ts";

// POST /api/ingest (DESIGN.md §3), whichever server received it: the route handler (app/api/ingest/route.ts) and
// the production server's own ingest path (node-ingest.ts, scripts/server.mjs) both answer through this.

export const MAX_EVENTS = 1_000;

const Envelope = z.object({ events: z.array(z.unknown(), { error: 'Expected { "events": [ … ] }.' }) }, { error: 'Expected { "events": [ … ] }.' });

/** Authenticates, reads and validates the batch, stores it: accepted events are committed before the answer. */
export function ingestRequest(req: BodySource): Promise<ApiReply> {
  return handleApiReply(async () => {
    const now = new Date();
    const principal = await authenticateApiKey(req.header("authorization"), now);
    if (!principal) {
      throw new AppError("UNAUTHENTICATED", 401, "Send an API key: Authorization: Bearer lvk_…");
    }
    if (!principal.scopes.includes("ingest")) {
      throw new AppError("FORBIDDEN", 403, "This API key lacks the ingest scope.");
    }
    assertJsonContentType(req.header("content-type"));
    return withinCapacity(async () => {
      const envelope = Envelope.safeParse(parseJson(await readBodyFrom(req)));
      if (!envelope.success) throw new AppError("BAD_REQUEST", 400, envelope.error.issues[0]?.message ?? "Bad envelope.");
      const { events } = envelope.data;
      if (events.length > MAX_EVENTS) {
        throw new AppError("PAYLOAD_TOO_LARGE", 413, `A batch holds at most ${MAX_EVENTS} events; this one has ${events.length}.`);
      }
      chargeRate(principal, events.length, now.getTime());
      const { rejectionKinds, ...result } = await ingestEvents(principal, events, now);
      if (events.length > 0 && rejectionKinds.length === events.length && rejectionKinds.every((k) => k === "forbidden")) {
        throw new AppError("FORBIDDEN", 403, "This API key may not send events for the services in this batch.");
      }
      const status = result.rejected.length === 0 ? 200 : result.rejected.length === events.length ? 422 : 207;
      return { status, body: result, headers: {} };
    });
  });
}
