import { findChannelsByName, type Channel } from "@/lib/db/channels.ts";
import type { Tx } from "@/lib/db/client.ts";
import { cancelWaitingRefreshes, findMitigateMessage, insertDeliveries, type NewDelivery } from "@/lib/db/deliveries.ts";
import { proposeMitigation, readMitigation } from "@/lib/db/mitigations.ts";
import type { AlertNotice, Mitigation } from "@/lib/domain/alerts/types.ts";
import { AppError } from "@/lib/errors.ts";
import { acceptsNotice } from "@/lib/integrations/build-request.ts";
import type { MitigationTarget } from "@/lib/integrations/types.ts";

// The evaluator's side of the outbox: called inside the transaction that records the alert transition, so a
// notice is queued if and only if the transition commits. Sending happens later, in process-outbox.ts.

/**
 * Queues one delivery (pending, due now) per channel named in `routes` that takes this notice kind. A disabled
 * channel's deliveries are queued too and wait until an admin re-enables it: dropping them would lose, say, the
 * resolve of a trigger already waiting there, leaving an incident open downstream for ever (refreshes do not pile
 * up: each cancels the older waiting one). For a critical trigger the first enabled action channel in the route
 * gets a `mitigate` delivery and the alert's mitigation becomes `proposed` (one mitigation per episode); a
 * mitigation is never queued behind a disabled channel, where it would run late against a changed situation.
 */
export async function enqueueNotifications(tx: Tx, notice: AlertNotice, routes: readonly string[], now: Date): Promise<{ queued: number; unknownChannels: string[] }> {
  const names = [...new Set(routes)];
  const channels = await findChannelsByName(tx, names);
  const byName = new Map(channels.map((c) => [c.name, c]));
  const unknownChannels = names.filter((n) => !byName.has(n));
  const routed = names.flatMap((n) => {
    const c = byName.get(n);
    return c ? [c] : [];
  });

  const rows: NewDelivery[] = [];
  for (const channel of routed.filter((c) => acceptsNotice(c.kind, notice.kind))) {
    if (notice.kind === "refresh") await cancelWaitingRefreshes(tx, channel.id, notice.alertId);
    rows.push({ channelId: channel.id, alertId: notice.alertId, kind: notice.kind, message: { type: "notice", notice } });
  }
  const action = routed.find((c) => c.kind === "action" && c.enabled);
  if (action && notice.kind === "trigger" && notice.severity === "critical") {
    const mitigate = await proposeFor(tx, action, notice, now);
    if (mitigate) rows.push(mitigate);
  }
  await insertDeliveries(tx, rows, now);
  return { queued: rows.length, unknownChannels };
}

async function proposeFor(tx: Tx, channel: Channel, notice: AlertNotice, now: Date): Promise<NewDelivery | null> {
  if (channel.target?.kind !== "action") return null; // a broken stored config: nothing sensible to propose
  const { action, params } = channel.target.config;
  const mitigation: Mitigation = { channel: channel.name, action, params, state: "proposed", proposedAt: now.toISOString() };
  if (!(await proposeMitigation(tx, notice.alertId, mitigation))) return null;
  const alert: MitigationTarget = {
    id: notice.alertId,
    alertKey: notice.alertKey,
    service: notice.service.slug,
    severity: notice.severity,
    score: notice.score,
    url: notice.url,
  };
  return { channelId: channel.id, alertId: notice.alertId, kind: "mitigate", message: { type: "mitigate", mitigation, alert, at: now.toISOString() } };
}

/**
 * Queues the revert of an alert's mitigation to the channel that applied it, with the action, params and
 * alert block of the original mitigate message. For decide-mitigation.ts, inside its transaction.
 */
export async function enqueueMitigationRevert(tx: Tx, alertId: string, now: Date): Promise<void> {
  const stored = await readMitigation(tx, alertId);
  const original = await findMitigateMessage(tx, alertId);
  if (!stored || original?.type !== "mitigate") throw new AppError("CONFLICT", 409, "This alert has no mitigation to revert.");
  const [channel] = await findChannelsByName(tx, [stored.value.channel]);
  if (!channel) throw new AppError("CONFLICT", 409, `The channel "${stored.value.channel}" that applied the mitigation no longer exists; revert it by hand.`);
  const message = { ...original, type: "revert" as const, at: now.toISOString() };
  await insertDeliveries(tx, [{ channelId: channel.id, alertId, kind: "revert", message }], now);
}
