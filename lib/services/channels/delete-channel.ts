import { assertCan } from "@/lib/auth/assert-can.ts";
import { appendAudit } from "@/lib/db/audit.ts";
import { deleteChannelRow, findChannel } from "@/lib/db/channels.ts";
import { getDb } from "@/lib/db/client.ts";
import { AppError } from "@/lib/errors.ts";
import { ChannelId } from "@/lib/schemas/channels.ts";
import type { Ctx } from "../context.ts";
import { auditPicture } from "./channel-view.ts";

/**
 * Deletes a channel and (by cascade) its deliveries, waiting ones included. Score configs that still route to
 * the name skip it from then on (enqueueNotifications reports it as unknown). Two deletes at once: one 404.
 */
export async function deleteChannel(ctx: Ctx, rawId: string): Promise<void> {
  assertCan(ctx.user, "channels.manage");
  const id = ChannelId.parse(rawId);
  const db = await getDb();
  await db.$transaction(async (tx) => {
    const before = await findChannel(tx, id);
    if (!before || !(await deleteChannelRow(tx, id))) throw new AppError("NOT_FOUND", 404, "No such channel (was it deleted already?).");
    await appendAudit(tx, {
      at: ctx.now, actorId: ctx.user.id, actorLabel: ctx.user.email, action: "channel.delete", targetType: "channel", targetId: id,
      before: auditPicture(before),
    });
  });
}
