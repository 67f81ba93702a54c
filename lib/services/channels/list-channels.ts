import { assertCan } from "@/lib/auth/assert-can.ts";
import { listChannelRows, listDisabledChannels } from "@/lib/db/channels.ts";
import { getDb } from "@/lib/db/client.ts";
import { recentDeliveries } from "@/lib/db/deliveries.ts";
import type { Ctx } from "../context.ts";
import { toChannelView, type ChannelView } from "./channel-view.ts";

export const RECENT_DELIVERIES = 5;

/** Settings → Channels (admins): every channel with its masked config, state and last deliveries. */
export async function listChannels(ctx: Ctx): Promise<ChannelView[]> {
  assertCan(ctx.user, "channels.manage");
  const db = await getDb();
  const channels = await listChannelRows(db);
  const log = await recentDeliveries(db, channels.map((c) => c.id), RECENT_DELIVERIES);
  return channels.map((c) => toChannelView(c, log.get(c.id) ?? []));
}

/**
 * The disabled channels, for the banner every signed-in user sees: an alert that cannot be delivered is
 * everyone's problem. Names and reasons only, no config.
 */
export async function listDisabledChannelNotices(): Promise<{ id: string; name: string; disabledAt: Date | null; disabledReason: string | null }[]> {
  return listDisabledChannels(await getDb());
}
