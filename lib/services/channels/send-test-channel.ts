import { assertCan } from "@/lib/auth/assert-can.ts";
import { appendAudit } from "@/lib/db/audit.ts";
import { findChannel } from "@/lib/db/channels.ts";
import { getDb } from "@/lib/db/client.ts";
import { claimDelivery, findPendingDelivery, insertDeliveries } from "@/lib/db/deliveries.ts";
import { AppError } from "@/lib/errors.ts";
import { ChannelId } from "@/lib/schemas/channels.ts";
import type { Ctx } from "../context.ts";
import { deliver } from "../alerts/deliver.ts";
import { CLAIM_MS } from "../alerts/process-outbox.ts";

export interface TestResult {
  ok: boolean;
  status: number;
  error?: string;
}

/**
 * "Send test": queues a test delivery (kind test, no alert) and sends it at once, once — no retries, and the
 * channel's failure count is left alone. Works on a disabled channel, so an admin can check a fix before
 * re-enabling it. Each kind's test is harmless (see lib/integrations/*): nobody is paged.
 */
export async function sendTestChannel(ctx: Ctx, rawId: string, opts: { fetchImpl?: typeof fetch } = {}): Promise<TestResult> {
  assertCan(ctx.user, "channels.manage");
  const id = ChannelId.parse(rawId);
  const db = await getDb();
  const deliveryId = await db.$transaction(async (tx) => {
    const channel = await findChannel(tx, id);
    if (!channel) throw new AppError("NOT_FOUND", 404, "No such channel.");
    const [queued] = await insertDeliveries(tx, [{ channelId: id, alertId: null, kind: "test", message: { type: "test", channel: channel.name, at: ctx.now.toISOString() } }], ctx.now);
    await appendAudit(tx, {
      at: ctx.now, actorId: ctx.user.id, actorLabel: ctx.user.email, action: "channel.test", targetType: "channel", targetId: id, after: { name: channel.name },
    });
    return queued!;
  });
  const delivery = await findPendingDelivery(db, deliveryId);
  if (!delivery || !(await claimDelivery(db, delivery, new Date(ctx.now.getTime() + CLAIM_MS)))) {
    throw new AppError("CONFLICT", 409, "The test was picked up by the outbox worker; see the channel's deliveries.");
  }
  const { result } = await deliver(delivery, ctx.now, opts);
  if (!result) return { ok: false, status: 0, error: "This kind of channel does not take test messages." };
  return { ok: result.ok, status: result.status, ...(result.error ? { error: result.error } : {}) };
}
