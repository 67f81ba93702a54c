import { insertAlertEvent } from "@/lib/db/alert-queries.ts";
import { getDb, type Tx } from "@/lib/db/client.ts";
import {
  cancelDelivery,
  countChannelFailure,
  markDeliveryFailed,
  markDeliverySent,
  resetChannelFailures,
  type DueDelivery,
} from "@/lib/db/deliveries.ts";
import { readMitigation, swapMitigation } from "@/lib/db/mitigations.ts";
import { buildRequest } from "@/lib/integrations/build-request.ts";
import { DISABLE_AFTER_FAILURES, MAX_ATTEMPTS, retryDelayMs } from "@/lib/integrations/retry-policy.ts";
import { send, type SendResult } from "@/lib/integrations/send.ts";
import type { Mitigation } from "@/lib/domain/alerts/types.ts";

// One claimed delivery: build the request from the channel's current config, send it, record the outcome.

export type DeliveryOutcome = "sent" | "retried" | "failed" | "cancelled";

export interface DeliverOptions {
  fetchImpl?: typeof fetch;
  /** jitter source for the backoff; tests pass NO_JITTER */
  random?: () => number;
}

export async function deliver(d: DueDelivery, now: Date, opts: DeliverOptions = {}): Promise<{ outcome: DeliveryOutcome; result: SendResult | null }> {
  const db = await getDb();
  const target = d.channel.target;
  if (!target) {
    const result = { ok: false, status: 0, error: "The channel's stored config is not valid; edit the channel in Settings → Channels." };
    return { outcome: await db.$transaction((tx) => recordFailure(tx, d, result, now, opts.random)), result };
  }
  const request = buildRequest(target, d.message, now);
  if (!request) {
    // The channel's kind was changed after this was queued, and the new kind does not take this message.
    await db.$transaction((tx) => cancelDelivery(tx, d.id, `A ${target.kind} channel does not take ${d.kind} messages.`));
    return { outcome: "cancelled", result: null };
  }
  const result = await send(request, opts.fetchImpl);
  const outcome = await db.$transaction((tx) => (result.ok ? recordSuccess(tx, d, result.status, now) : recordFailure(tx, d, result, now, opts.random)));
  return { outcome, result };
}

async function recordSuccess(tx: Tx, d: DueDelivery, status: number, now: Date): Promise<DeliveryOutcome> {
  await markDeliverySent(tx, d.id, status, now);
  // A test proves the endpoint works but does not vouch for the alert traffic: the failure count is the outbox's.
  if (d.kind === "test" || !d.alertId) return "sent";
  await resetChannelFailures(tx, d.channel.id);
  const actor = { alertId: d.alertId, at: now, actorId: null, actorLabel: d.channel.name };
  await insertAlertEvent(tx, { ...actor, kind: "notified", detail: { channel: d.channel.name, kind: d.kind, status } });
  if (d.kind === "mitigate") {
    if (await moveMitigation(tx, d.alertId, "proposed", { state: "applied", appliedAt: now.toISOString() })) {
      await insertAlertEvent(tx, { ...actor, kind: "mitigation_applied", detail: { channel: d.channel.name, status } });
    }
  }
  return "sent";
}

async function recordFailure(tx: Tx, d: DueDelivery, result: SendResult, now: Date, random?: () => number): Promise<DeliveryOutcome> {
  const error = result.error ?? `HTTP ${result.status}`;
  if (d.kind === "test" || !d.alertId) {
    await markDeliveryFailed(tx, d.id, { status: result.status, error }, null); // tests are sent once
    return "failed";
  }
  const attempts = d.attempts + 1;
  const givesUp = attempts >= MAX_ATTEMPTS;
  const retryAt = givesUp ? null : new Date(now.getTime() + retryDelayMs(attempts, result.retryAfterMs, random));
  await markDeliveryFailed(tx, d.id, { status: result.status, error }, retryAt);
  const reason = `Disabled after ${DISABLE_AFTER_FAILURES} failed deliveries in a row (last: ${error}).`;
  await countChannelFailure(tx, d.channel.id, DISABLE_AFTER_FAILURES, now, reason);
  if (!givesUp) return "retried";
  const actor = { alertId: d.alertId, at: now, actorId: null, actorLabel: d.channel.name };
  await insertAlertEvent(tx, { ...actor, kind: "delivery_failed", detail: { channel: d.channel.name, kind: d.kind, status: result.status, error, attempts } });
  if (d.kind === "mitigate") await moveMitigation(tx, d.alertId, "proposed", { state: "failed" });
  return "failed";
}

/** Moves the alert's mitigation on from `from`; false when it is elsewhere already (decided, or another episode's). */
async function moveMitigation(tx: Tx, alertId: string, from: Mitigation["state"], change: Partial<Mitigation>): Promise<boolean> {
  const current = await readMitigation(tx, alertId);
  if (!current || current.value.state !== from) return false;
  return swapMitigation(tx, current, { ...current.value, ...change });
}
