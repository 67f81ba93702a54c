import { readApi } from "@/lib/http/read-api.ts";
import { SegmentsQuery } from "@/lib/schemas/health-query.ts";
import { getSegmentScores } from "@/lib/services/health/get-segment-scores.ts";

export const dynamic = "force-dynamic";

/** GET /api/services/{slug}/segments?window=1h&at=<RFC 3339>&dimension=provider */
export async function GET(req: Request, { params }: { params: Promise<{ slug: string }> }): Promise<Response> {
  const { slug } = await params;
  return readApi(req, SegmentsQuery, (principal, query, now) => getSegmentScores(principal, slug, query, now));
}
