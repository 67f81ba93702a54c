import type { z } from "zod";
import type { Principal } from "@/lib/auth/principal.ts";
import { searchParamsObject } from "@/lib/schemas/health-query.ts";
import { readPrincipal } from "./read-principal.ts";
import { handleApi } from "./respond.ts";

/**
 * A GET of a read-only JSON API: who calls (API key with `read`, or the session), the query string parsed by
 * `schema` (a bad parameter is a 400 naming it), then `work`. Answers are never cached: scores move by the minute.
 */
export function readApi<S extends z.ZodType>(
  req: Request,
  schema: S,
  work: (principal: Principal, query: z.output<S>, now: Date) => Promise<unknown>,
): Promise<Response> {
  return handleApi(async () => {
    const now = new Date();
    const principal = await readPrincipal(req, now);
    const query = schema.parse(searchParamsObject(req.url));
    return Response.json(await work(principal, query, now), { headers: { "cache-control": "no-store" } });
  });
}
