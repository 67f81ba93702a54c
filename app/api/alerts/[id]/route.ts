import { z } from "zod";
import { readApi } from "@/lib/http/read-api.ts";
import { getAlert } from "@/lib/services/alerts/get-alert.ts";

export const dynamic = "force-dynamic";

/** GET /api/alerts/{id}: the episode, its timeline, deliveries and mitigation. */
export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  return readApi(req, z.strictObject({}), (principal) => getAlert(principal, id));
}
