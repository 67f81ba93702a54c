import type { Principal } from "@/lib/auth/principal.ts";
import { readAlertDetail, type AlertDetail } from "@/lib/db/alert-queries.ts";
import { getDb } from "@/lib/db/client.ts";
import { AppError } from "@/lib/errors.ts";
import { AlertId } from "@/lib/schemas/alerts.ts";
import { alertScope } from "./list-alerts.ts";

/** GET /api/alerts/{id}: the episode, its timeline, deliveries and mitigation. Another service's alert is a 404. */
export async function getAlert(principal: Principal, id: string): Promise<AlertDetail> {
  const alertId = AlertId.parse(id);
  const alert = await readAlertDetail(await getDb(), alertId, alertScope(principal));
  if (!alert) throw new AppError("NOT_FOUND", 404, "No such alert.");
  return alert;
}
