import { readApi } from "@/lib/http/read-api.ts";
import { HealthQuery } from "@/lib/schemas/health-query.ts";
import { getServiceHealth } from "@/lib/services/health/get-service-health.ts";

export const dynamic = "force-dynamic";

/** GET /api/services/{slug}/health?window=1h&at=<RFC 3339>&segment=<dimension>:<value> */
export async function GET(req: Request, { params }: { params: Promise<{ slug: string }> }): Promise<Response> {
  const { slug } = await params;
  return readApi(req, HealthQuery, (principal, query, now) => getServiceHealth(principal, slug, query, now));
}
