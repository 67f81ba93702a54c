import { ResolveAlertInput } from "@/lib/schemas/alerts.ts";
import { resolveAlert } from "@/lib/services/alerts/resolve-alert.ts";
import { sessionAction } from "../../_lib/session-action.ts";

export const dynamic = "force-dynamic";

/** POST /api/alerts/{id}/resolve {"note"?} (engineer and up): 409 when the episode is no longer open. */
export async function POST(req: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  return sessionAction(req, (ctx, body) => resolveAlert(ctx, id, ResolveAlertInput.parse(body).note));
}
