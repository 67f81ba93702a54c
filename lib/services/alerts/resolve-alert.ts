import { assertCan } from "@/lib/auth/assert-can.ts";
import { insertAlertEvent, markResolvedByHand, readAlertDetail, type AlertDetail } from "@/lib/db/alert-queries.ts";
import { appendAudit } from "@/lib/db/audit.ts";
import { getDb } from "@/lib/db/client.ts";
import { AlertId, ResolveAlertInput } from "@/lib/schemas/alerts.ts";
import type { Ctx } from "../context.ts";
import { closedConflict, loadAlertState } from "./acknowledge-alert.ts";

/**
 * Resolves an open episode by hand (the incident is over, or the alert was noise). Race-safe like
 * acknowledgeAlert: of two concurrent resolves — or a resolve racing the evaluator — exactly one finds the
 * episode open. If the score is still below the threshold, the evaluator opens a new episode on its next run.
 */
export async function resolveAlert(ctx: Ctx, id: string, note?: string): Promise<AlertDetail> {
  assertCan(ctx.user, "alerts.resolve");
  const alertId = AlertId.parse(id);
  const input = ResolveAlertInput.parse(note === undefined ? {} : { note });
  const db = await getDb();
  return db.$transaction(async (tx) => {
    // Read first for the audit's `before` only: the guarded update, not this read, decides who wins.
    const before = await loadAlertState(tx, alertId);
    const done = await markResolvedByHand(tx, alertId, ctx.user.id, ctx.now);
    const alert = await loadAlertState(tx, alertId);
    if (!done) throw closedConflict(alert, "resolve");
    const detail = input.note ? { note: input.note } : {};
    await insertAlertEvent(tx, { alertId, at: ctx.now, kind: "resolved_by_hand", actorId: ctx.user.id, actorLabel: ctx.user.email, detail });
    await appendAudit(tx, {
      at: ctx.now, actorId: ctx.user.id, actorLabel: ctx.user.email, action: "alert.resolve", targetType: "alert", targetId: alertId,
      before: { state: before.state, resolvedAt: null },
      after: { state: "resolved", resolvedAt: ctx.now.toISOString(), service: alert.service.slug, severity: alert.severity, ...detail },
    });
    return (await readAlertDetail(tx, alertId, null))!;
  });
}
