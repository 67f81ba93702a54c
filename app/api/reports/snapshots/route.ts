import { getCurrentUser } from "@/lib/auth/session.ts";
import { AppError } from "@/lib/errors.ts";
import { assertJsonContentType, parseJson, readBody } from "@/lib/http/read-body.ts";
import { readPrincipal } from "@/lib/http/read-principal.ts";
import { handleApi } from "@/lib/http/respond.ts";
import { searchParamsObject } from "@/lib/schemas/health-query.ts";
import { contextFor } from "@/lib/services/context.ts";
import { listSnapshots } from "@/lib/services/reports/list-snapshots.ts";
import { saveSnapshot } from "@/lib/services/reports/save-snapshot.ts";

export const dynamic = "force-dynamic";

/** GET /api/reports/snapshots?page=1&kind=manual|weekly — saved snapshots, newest first (session or a `read` key). */
export function GET(req: Request): Promise<Response> {
  return handleApi(async () => {
    const principal = await readPrincipal(req, new Date());
    return Response.json(await listSnapshots(principal, searchParamsObject(req.url)), { headers: { "cache-control": "no-store" } });
  });
}

/**
 * POST /api/reports/snapshots {period, groupBy, date | from+to, title?} — admins save the report as computed now
 * (201 with the snapshot's summary). Session only; JSON only, so a cross-site form cannot post it.
 */
export function POST(req: Request): Promise<Response> {
  return handleApi(async () => {
    const now = new Date();
    const user = await getCurrentUser();
    if (!user) throw new AppError("UNAUTHENTICATED", 401, "Sign in as an admin to save report snapshots.");
    assertJsonContentType(req.headers.get("content-type"));
    const body = parseJson(await readBody(req, 16 * 1024));
    const saved = await saveSnapshot(contextFor(user, now), body);
    return Response.json(saved, { status: 201, headers: { location: `/reports/snapshots/${saved.id}` } });
  });
}
