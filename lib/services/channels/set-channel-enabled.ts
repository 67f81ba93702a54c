import { assertCan } from "@/lib/auth/assert-can.ts";
import { appendAudit } from "@/lib/db/audit.ts";
import { findChannel, setChannelEnabledRow } from "@/lib/db/channels.ts";
import { getDb } from "@/lib/db/client.ts";
import { AppError } from "@/lib/errors.ts";
import { SetChannelEnabledInput } from "@/lib/schemas/channels.ts";
import type { Ctx } from "../context.ts";
import { toChannelView, type ChannelView } from "./channel-view.ts";

/**
 * Re-enables a channel (failure count back to 0; its waiting deliveries go out on the next outbox tick) or
 * disables it by hand. Guarded: a channel already in that state is a 409.
 */
export async function setChannelEnabled(ctx: Ctx, raw: { id: string; enabled: boolean }): Promise<ChannelView> {
  assertCan(ctx.user, "channels.manage");
  const { id, enabled } = SetChannelEnabledInput.parse(raw);
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const changed = await setChannelEnabledRow(tx, id, enabled, ctx.now, enabled ? null : `Disabled by ${ctx.user.email}.`);
    const after = await findChannel(tx, id);
    if (!after) throw new AppError("NOT_FOUND", 404, "No such channel.");
    if (!changed) throw new AppError("CONFLICT", 409, `The channel "${after.name}" is already ${enabled ? "enabled" : "disabled"}.`);
    await appendAudit(tx, {
      at: ctx.now, actorId: ctx.user.id, actorLabel: ctx.user.email, action: enabled ? "channel.enable" : "channel.disable", targetType: "channel", targetId: id,
      before: { name: after.name, enabled: !enabled }, after: { name: after.name, enabled },
    });
    return toChannelView(after);
  });
}
