import { assertCan } from "@/lib/auth/assert-can.ts";
import { insertAlertEvent } from "@/lib/db/alert-queries.ts";
import { appendAudit } from "@/lib/db/audit.ts";
import { getDb } from "@/lib/db/client.ts";
import { readMitigation, swapMitigation } from "@/lib/db/mitigations.ts";
import type { Mitigation } from "@/lib/domain/alerts/types.ts";
import { AppError } from "@/lib/errors.ts";
import { AlertId } from "@/lib/schemas/alerts.ts";
import type { Ctx } from "../context.ts";
import { enqueueMitigationRevert } from "./enqueue-notifications.ts";

export type MitigationDecision = "acknowledge" | "override";

/**
 * Which states a decision applies to. Both need the endpoint to have been tried: `applied`, or `failed` (the
 * outbox gave up). Overriding a failed one still sends the revert, because a timed-out mitigate may have been
 * applied after all and a revert of something never done is harmless to a well-behaved endpoint;
 * acknowledging a failed one records that someone saw it. `proposed` (not sent yet) is a 409: decide once the
 * endpoint has answered.
 */
const DECIDABLE: readonly Mitigation["state"][] = ["applied", "failed"];

const EVENT = { acknowledge: "mitigation_acknowledged", override: "mitigation_overridden" } as const;
const STATE = { acknowledge: "acknowledged", override: "overridden" } as const;

/**
 * An engineer keeps (acknowledge) or undoes (override: a revert delivery to the same endpoint) the automated
 * mitigation of an alert. Compare-and-swap on the stored mitigation: of two engineers deciding at once one
 * wins and the other gets a 409. Event, revert and audit row commit together.
 */
export async function decideMitigation(ctx: Ctx, alertId: string, decision: MitigationDecision): Promise<Mitigation> {
  assertCan(ctx.user, "alerts.ack");
  const id = AlertId.parse(alertId);
  if (decision !== "acknowledge" && decision !== "override") throw new AppError("BAD_REQUEST", 400, 'decision: expected "acknowledge" or "override".');
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const current = await readMitigation(tx, id);
    if (!current) {
      const exists = await tx.alert.count({ where: { id } });
      throw exists ? new AppError("CONFLICT", 409, "This alert has no automated mitigation.") : new AppError("NOT_FOUND", 404, "No such alert.");
    }
    const before = current.value;
    if (!DECIDABLE.includes(before.state)) {
      const why = before.state === "proposed" ? "it has not reached the endpoint yet" : `it was already ${before.state}${before.decidedBy ? ` by ${before.decidedBy}` : ""}`;
      throw new AppError("CONFLICT", 409, `Cannot ${decision} the mitigation: ${why}.`);
    }
    const after: Mitigation = { ...before, state: STATE[decision], decidedAt: ctx.now.toISOString(), decidedBy: ctx.user.email };
    if (!(await swapMitigation(tx, current, after))) {
      throw new AppError("CONFLICT", 409, "Someone else decided this mitigation a moment ago; reload to see what they chose.");
    }
    if (decision === "override") await enqueueMitigationRevert(tx, id, ctx.now);
    const detail = { channel: before.channel, action: before.action, params: before.params };
    await insertAlertEvent(tx, { alertId: id, at: ctx.now, kind: EVENT[decision], actorId: ctx.user.id, actorLabel: ctx.user.email, detail });
    await appendAudit(tx, {
      at: ctx.now, actorId: ctx.user.id, actorLabel: ctx.user.email, action: `alert.mitigation.${decision}`, targetType: "alert", targetId: id,
      before: { state: before.state, ...detail }, after: { state: after.state, ...detail },
    });
    return after;
  });
}
