import { readApi } from "@/lib/http/read-api.ts";
import { AlertsQuery } from "@/lib/schemas/alerts.ts";
import { listAlerts } from "@/lib/services/alerts/list-alerts.ts";

export const dynamic = "force-dynamic";

/** GET /api/alerts?state=open|firing|pending|resolved|all&severity&service&shadow=include|exclude|only&from&to&page&size */
export function GET(req: Request): Promise<Response> {
  return readApi(req, AlertsQuery, listAlerts);
}
