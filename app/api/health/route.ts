import { getDb } from "@/lib/db/client.ts";

// Liveness and database reachability, for the start script, load balancers and CI. No auth: it says nothing
// beyond "up" and "database reachable".
export const dynamic = "force-dynamic";

export async function GET() {
  try {
    const db = await getDb();
    await db.$queryRawUnsafe("SELECT 1");
    return Response.json({ status: "ok" });
  } catch {
    return Response.json({ status: "unavailable" }, { status: 503, headers: { "Retry-After": "5" } });
  }
}
