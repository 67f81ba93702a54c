import { assertCan } from "@/lib/auth/assert-can.ts";
import { insertAlertEvent, markAcknowledged, readAlertDetail, readAlertState, type AlertDetail } from "@/lib/db/alert-queries.ts";
import { appendAudit } from "@/lib/db/audit.ts";
import { getDb, type Tx } from "@/lib/db/client.ts";
import { AppError } from "@/lib/errors.ts";
import { AlertId } from "@/lib/schemas/alerts.ts";
import type { Ctx } from "../context.ts";

type AlertState = NonNullable<Awaited<ReturnType<typeof readAlertState>>>;

/** The episode's state; 404 when it does not exist (users see every service's alerts). */
export async function loadAlertState(tx: Tx, id: string): Promise<AlertState> {
  const alert = await readAlertState(tx, id, null);
  if (!alert) throw new AppError("NOT_FOUND", 404, "No such alert.");
  return alert;
}

/** Why an open-only action found nothing to do: the 409 says what state the episode is in and who put it there. */
export function closedConflict(alert: AlertState, verb: string): AppError {
  const by = alert.resolvedBy ? ` by ${alert.resolvedBy.name}` : alert.state === "resolved" ? " by the evaluator (the score recovered)" : "";
  const what = alert.state === "cancelled" ? "was cancelled: the score recovered before it fired" : `is already ${alert.state}${by}`;
  return new AppError("CONFLICT", 409, `Cannot ${verb}: this alert ${what}.`);
}

/**
 * Acknowledges an open episode: someone is on it. Guarded update first, then the lookup that explains a 0 — two
 * engineers clicking at once both pass any check made before the update, but only one finds `acknowledgedAt: null`.
 * The timeline event and the audit row commit with it.
 */
export async function acknowledgeAlert(ctx: Ctx, id: string): Promise<AlertDetail> {
  assertCan(ctx.user, "alerts.ack");
  const alertId = AlertId.parse(id);
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const done = await markAcknowledged(tx, alertId, ctx.user.id, ctx.now);
    const alert = await loadAlertState(tx, alertId);
    if (!done) {
      if (alert.acknowledgedAt) throw new AppError("CONFLICT", 409, `Already acknowledged${alert.acknowledgedBy ? ` by ${alert.acknowledgedBy.name}` : ""}.`);
      throw closedConflict(alert, "acknowledge");
    }
    await insertAlertEvent(tx, { alertId, at: ctx.now, kind: "acknowledged", actorId: ctx.user.id, actorLabel: ctx.user.email });
    await appendAudit(tx, {
      at: ctx.now, actorId: ctx.user.id, actorLabel: ctx.user.email, action: "alert.acknowledge", targetType: "alert", targetId: alertId,
      before: { state: alert.state, acknowledgedAt: null },
      after: { state: alert.state, acknowledgedAt: ctx.now.toISOString(), service: alert.service.slug, severity: alert.severity },
    });
    return (await readAlertDetail(tx, alertId, null))!;
  });
}
