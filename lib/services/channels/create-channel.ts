import { assertCan } from "@/lib/auth/assert-can.ts";
import { appendAudit } from "@/lib/db/audit.ts";
import { channelNameTaken, insertChannel } from "@/lib/db/channels.ts";
import { getDb } from "@/lib/db/client.ts";
import { AppError } from "@/lib/errors.ts";
import { CreateChannelInput } from "@/lib/schemas/channels.ts";
import type { Ctx } from "../context.ts";
import { auditPicture, toChannelView, type ChannelView } from "./channel-view.ts";

export function nameTaken(name: string): AppError {
  return new AppError("CONFLICT", 409, `A channel named "${name}" exists already; choose another name.`);
}

/** Admins add a channel; score configs route alerts to it by name. Audited with the secrets masked. */
export async function createChannel(ctx: Ctx, raw: CreateChannelInput): Promise<ChannelView> {
  assertCan(ctx.user, "channels.manage");
  const { name, ...target } = CreateChannelInput.parse(raw);
  const db = await getDb();
  return db.$transaction(async (tx) => {
    if (await channelNameTaken(tx, name)) throw nameTaken(name);
    const channel = await insertChannel(tx, { name, target, now: ctx.now });
    await appendAudit(tx, {
      at: ctx.now, actorId: ctx.user.id, actorLabel: ctx.user.email, action: "channel.create", targetType: "channel", targetId: channel.id,
      after: auditPicture(channel),
    });
    return toChannelView(channel);
  });
}
