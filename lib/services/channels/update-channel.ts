import { assertCan } from "@/lib/auth/assert-can.ts";
import { appendAudit } from "@/lib/db/audit.ts";
import { channelNameTaken, findChannel, updateChannelRow, type Channel } from "@/lib/db/channels.ts";
import { getDb } from "@/lib/db/client.ts";
import { AppError } from "@/lib/errors.ts";
import { ChannelId, SECRET_FIELDS, UpdateChannelInput } from "@/lib/schemas/channels.ts";
import type { Ctx } from "../context.ts";
import { auditPicture, toChannelView, type ChannelView } from "./channel-view.ts";
import { nameTaken } from "./create-channel.ts";

/**
 * The form never shows a stored secret back, so an empty secret field means "keep it". Only when the kind is
 * unchanged: a secret does not carry over to another kind of endpoint.
 */
export function keepSecrets(raw: UpdateChannelInput, existing: Channel): UpdateChannelInput {
  const input = raw as { kind?: unknown; config?: Record<string, unknown> };
  if (!existing.target || input.kind !== existing.target.kind || typeof input.config !== "object" || input.config === null) return raw;
  const config = { ...input.config };
  const stored = existing.target.config as Record<string, unknown>;
  for (const field of SECRET_FIELDS) {
    if ((config[field] === undefined || config[field] === "") && typeof stored[field] === "string") config[field] = stored[field];
  }
  return { ...raw, config } as UpdateChannelInput;
}

/** Admins edit a channel's name, kind or config. Waiting deliveries use the new config when they are sent. */
export async function updateChannel(ctx: Ctx, raw: UpdateChannelInput): Promise<ChannelView> {
  assertCan(ctx.user, "channels.manage");
  const id = ChannelId.parse((raw as { id?: unknown }).id);
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const before = await findChannel(tx, id);
    if (!before) throw new AppError("NOT_FOUND", 404, "No such channel.");
    const { name, id: _id, ...target } = UpdateChannelInput.parse(keepSecrets(raw, before));
    if (await channelNameTaken(tx, name, id)) throw nameTaken(name);
    if (!(await updateChannelRow(tx, id, { name, target, now: ctx.now }))) throw new AppError("NOT_FOUND", 404, "No such channel.");
    const after = (await findChannel(tx, id))!;
    await appendAudit(tx, {
      at: ctx.now, actorId: ctx.user.id, actorLabel: ctx.user.email, action: "channel.update", targetType: "channel", targetId: id,
      before: auditPicture(before), after: auditPicture(after),
    });
    return toChannelView(after);
  });
}
