import { readApi } from "@/lib/http/read-api.ts";
import { PortfolioQuery } from "@/lib/schemas/health-query.ts";
import { getPortfolioHealth } from "@/lib/services/health/get-portfolio-health.ts";

export const dynamic = "force-dynamic";

/** GET /api/portfolio?window=1h&at=<RFC 3339> */
export function GET(req: Request): Promise<Response> {
  return readApi(req, PortfolioQuery, getPortfolioHealth);
}
