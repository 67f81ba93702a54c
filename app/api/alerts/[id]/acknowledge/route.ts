import { z } from "zod";
import { acknowledgeAlert } from "@/lib/services/alerts/acknowledge-alert.ts";
import { sessionAction } from "../../_lib/session-action.ts";

export const dynamic = "force-dynamic";

/** POST /api/alerts/{id}/acknowledge (engineer and up): 409 when already acknowledged or no longer open. */
export async function POST(req: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  return sessionAction(req, (ctx, body) => {
    z.strictObject({}).parse(body);
    return acknowledgeAlert(ctx, id);
  });
}
