import { readApi } from "@/lib/http/read-api.ts";
import { TimeseriesQuery } from "@/lib/schemas/health-query.ts";
import { getScoreTimeseries } from "@/lib/services/health/get-score-timeseries.ts";

export const dynamic = "force-dynamic";

/** GET /api/services/{slug}/timeseries?from=<RFC 3339>&to=<RFC 3339>&step=5m&window=1h */
export async function GET(req: Request, { params }: { params: Promise<{ slug: string }> }): Promise<Response> {
  const { slug } = await params;
  return readApi(req, TimeseriesQuery, (principal, query, now) => getScoreTimeseries(principal, slug, query, now));
}
