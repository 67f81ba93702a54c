import { ChannelTarget, SECRET_FIELDS, type ChannelKind } from "@/lib/schemas/channels.ts";
import type { Db, Tx } from "./client.ts";

// Row ↔ domain for notification channels. The stored config is re-parsed on every read: a row edited by hand
// into something invalid surfaces as `target: null` (its deliveries fail with a clear error) instead of a crash.

export interface Channel {
  id: string;
  name: string;
  kind: ChannelKind | string;
  /** the parsed kind + config, or null when the stored config does not pass lib/schemas/channels.ts */
  target: ChannelTarget | null;
  enabled: boolean;
  consecutiveFailures: number;
  disabledAt: Date | null;
  disabledReason: string | null;
  createdAt: Date;
}

interface ChannelRow {
  id: string;
  name: string;
  kind: string;
  config: string;
  enabled: boolean;
  consecutiveFailures: number;
  disabledAt: Date | null;
  disabledReason: string | null;
  createdAt: Date;
}

function parseConfig(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export function toChannel(row: ChannelRow): Channel {
  const parsed = ChannelTarget.safeParse({ kind: row.kind, config: parseConfig(row.config) });
  const { config: _config, ...rest } = row;
  return { ...rest, target: parsed.success ? parsed.data : null };
}

/** The config with secrets replaced by "••••" plus their last 4 characters: what lists and audit rows show. */
export function maskedConfig(target: ChannelTarget | null): Record<string, unknown> {
  if (!target) return {};
  const out: Record<string, unknown> = { ...target.config };
  for (const field of SECRET_FIELDS) {
    const value = out[field];
    if (typeof value === "string") out[field] = `••••${value.slice(-4)}`;
  }
  return out;
}

export async function findChannelsByName(tx: Db | Tx, names: readonly string[]): Promise<Channel[]> {
  const rows = await tx.channel.findMany({ where: { name: { in: [...names] } } });
  return rows.map(toChannel);
}

export async function findChannel(tx: Db | Tx, id: string): Promise<Channel | null> {
  const row = await tx.channel.findUnique({ where: { id } });
  return row ? toChannel(row) : null;
}

export async function listChannelRows(db: Db | Tx): Promise<Channel[]> {
  const rows = await db.channel.findMany({ orderBy: { name: "asc" } });
  return rows.map(toChannel);
}

export async function listDisabledChannels(db: Db | Tx): Promise<{ id: string; name: string; disabledAt: Date | null; disabledReason: string | null }[]> {
  return db.channel.findMany({ where: { enabled: false }, select: { id: true, name: true, disabledAt: true, disabledReason: true }, orderBy: { name: "asc" } });
}

export async function insertChannel(tx: Tx, input: { name: string; target: ChannelTarget; now: Date }): Promise<Channel> {
  const row = await tx.channel.create({
    data: { name: input.name, kind: input.target.kind, config: JSON.stringify(input.target.config), createdAt: input.now, updatedAt: input.now },
  });
  return toChannel(row);
}

/** Rewrites name, kind and config; false when the row is gone. */
export async function updateChannelRow(tx: Tx, id: string, input: { name: string; target: ChannelTarget; now: Date }): Promise<boolean> {
  const { count } = await tx.channel.updateMany({
    where: { id },
    data: { name: input.name, kind: input.target.kind, config: JSON.stringify(input.target.config), updatedAt: input.now },
  });
  return count > 0;
}

export async function deleteChannelRow(tx: Tx, id: string): Promise<boolean> {
  const { count } = await tx.channel.deleteMany({ where: { id } });
  return count > 0;
}

/**
 * Guarded: only flips a channel that is in the other state, so two admins clicking at once get one change and
 * one 409. Enabling clears the failure count and the reason; the channel's waiting deliveries go out next.
 */
export async function setChannelEnabledRow(tx: Tx, id: string, enabled: boolean, now: Date, reason: string | null): Promise<boolean> {
  const { count } = await tx.channel.updateMany({
    where: { id, enabled: !enabled },
    data: enabled
      ? { enabled: true, consecutiveFailures: 0, disabledAt: null, disabledReason: null, updatedAt: now }
      : { enabled: false, disabledAt: now, disabledReason: reason, updatedAt: now },
  });
  return count > 0;
}

/** Whether a name is taken by another channel (the unique index is the final word; this gives the message). */
export async function channelNameTaken(tx: Tx, name: string, exceptId?: string): Promise<boolean> {
  const row = await tx.channel.findFirst({ where: { name, ...(exceptId ? { id: { not: exceptId } } : {}) }, select: { id: true } });
  return row !== null;
}
