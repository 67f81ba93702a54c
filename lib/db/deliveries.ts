import type { OutboundMessage, DeliveryKind } from "@/lib/integrations/types.ts";
import { toChannel, type Channel } from "./channels.ts";
import type { Db, Tx } from "./client.ts";

// Row ↔ domain for the notification outbox (Delivery rows). The claim is a guarded update on the row's own
// nextAttemptAt, which portably makes two workers (two replicas on PostgreSQL) agree on who sends it.

export interface NewDelivery {
  channelId: string;
  alertId: string | null;
  kind: DeliveryKind;
  message: OutboundMessage;
}

export interface DueDelivery {
  id: string;
  kind: DeliveryKind;
  alertId: string | null;
  attempts: number;
  nextAttemptAt: Date;
  message: OutboundMessage;
  channel: Channel;
}

export async function insertDeliveries(tx: Tx, rows: readonly NewDelivery[], now: Date): Promise<string[]> {
  const ids: string[] = [];
  for (const r of rows) {
    // createdAt is the decision time, not the database clock: it orders one alert's messages (trigger before resolve).
    const row = await tx.delivery.create({
      data: { channelId: r.channelId, alertId: r.alertId, kind: r.kind, payload: JSON.stringify(r.message), nextAttemptAt: now, createdAt: now },
      select: { id: true },
    });
    ids.push(row.id);
  }
  return ids;
}

/** A newer refresh makes an older, still waiting one pointless: Alertmanager only needs the latest. */
export async function cancelWaitingRefreshes(tx: Tx, channelId: string, alertId: string): Promise<void> {
  await tx.delivery.updateMany({ where: { channelId, alertId, kind: "refresh", state: "pending" }, data: { state: "cancelled" } });
}

const DUE_INCLUDE = { channel: true } as const;

type DueRow = Awaited<ReturnType<Db["delivery"]["findMany"]>>[number] & { channel: Parameters<typeof toChannel>[0] };

function toDue(row: DueRow): DueDelivery {
  return {
    id: row.id,
    kind: row.kind as DeliveryKind,
    alertId: row.alertId,
    attempts: row.attempts,
    nextAttemptAt: row.nextAttemptAt,
    message: JSON.parse(row.payload) as OutboundMessage,
    channel: toChannel(row.channel),
  };
}

const byAge = [{ createdAt: "asc" as const }, { id: "asc" as const }];

/**
 * Pending deliveries due at `now` on enabled channels, oldest first — but of one alert's messages to one
 * channel only the oldest waiting one: a resolve must not overtake its trigger that is backing off.
 */
export async function findDueDeliveries(db: Db, now: Date, limit: number): Promise<DueDelivery[]> {
  const rows = (await db.delivery.findMany({
    where: { state: "pending", nextAttemptAt: { lte: now }, channel: { enabled: true } },
    include: DUE_INCLUDE,
    orderBy: byAge,
    take: limit,
  })) as DueRow[];
  const alertIds = [...new Set(rows.flatMap((r) => (r.alertId ? [r.alertId] : [])))];
  const waiting = alertIds.length === 0 ? [] : await db.delivery.findMany({
    where: { state: "pending", alertId: { in: alertIds } },
    select: { id: true, channelId: true, alertId: true },
    orderBy: byAge,
  });
  const first = new Map<string, string>();
  for (const w of waiting) if (!first.has(`${w.channelId}/${w.alertId}`)) first.set(`${w.channelId}/${w.alertId}`, w.id);
  return rows.filter((r) => !r.alertId || first.get(`${r.channelId}/${r.alertId}`) === r.id).map(toDue);
}

/** One pending delivery by id, due or not (send-test sends its own delivery at once, even on a disabled channel). */
export async function findPendingDelivery(db: Db, id: string): Promise<DueDelivery | null> {
  const row = (await db.delivery.findFirst({ where: { id, state: "pending" }, include: DUE_INCLUDE })) as DueRow | null;
  return row ? toDue(row) : null;
}

/** Moves nextAttemptAt past the send so other workers skip it; false when another worker got there first. */
export async function claimDelivery(db: Db, d: DueDelivery, until: Date): Promise<boolean> {
  const { count } = await db.delivery.updateMany({ where: { id: d.id, state: "pending", nextAttemptAt: d.nextAttemptAt }, data: { nextAttemptAt: until } });
  return count > 0;
}

export async function markDeliverySent(tx: Tx, id: string, status: number, now: Date): Promise<void> {
  await tx.delivery.updateMany({ where: { id }, data: { state: "sent", sentAt: now, attempts: { increment: 1 }, lastStatus: status, lastError: null } });
}

/** A failed attempt: retried at `retryAt`, or given up (state failed) when `retryAt` is null. */
export async function markDeliveryFailed(tx: Tx, id: string, result: { status: number; error: string }, retryAt: Date | null): Promise<void> {
  await tx.delivery.updateMany({
    where: { id },
    data: { attempts: { increment: 1 }, lastStatus: result.status || null, lastError: result.error, ...(retryAt ? { nextAttemptAt: retryAt } : { state: "failed" }) },
  });
}

export async function cancelDelivery(tx: Tx, id: string, reason: string): Promise<void> {
  await tx.delivery.updateMany({ where: { id }, data: { state: "cancelled", lastError: reason } });
}

export async function resetChannelFailures(tx: Tx, channelId: string): Promise<void> {
  await tx.channel.updateMany({ where: { id: channelId, consecutiveFailures: { not: 0 } }, data: { consecutiveFailures: 0 } });
}

/** Counts a failed attempt; disables the channel when the count reaches `limit`. Returns true if this call disabled it. */
export async function countChannelFailure(tx: Tx, channelId: string, limit: number, now: Date, reason: string): Promise<boolean> {
  await tx.channel.updateMany({ where: { id: channelId }, data: { consecutiveFailures: { increment: 1 } } });
  const { count } = await tx.channel.updateMany({
    where: { id: channelId, enabled: true, consecutiveFailures: { gte: limit } },
    data: { enabled: false, disabledAt: now, disabledReason: reason },
  });
  return count > 0;
}

/** Drops sent, failed and cancelled deliveries created before `before`: the log keeps 30 days. */
export async function pruneDeliveries(db: Db, before: Date): Promise<number> {
  const { count } = await db.delivery.deleteMany({ where: { state: { in: ["sent", "failed", "cancelled"] }, createdAt: { lt: before } } });
  return count;
}

export interface DeliveryLogEntry {
  id: string;
  kind: string;
  state: string;
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
  nextAttemptAt: Date;
}

/** The last `perChannel` deliveries of each channel, newest first. */
export async function recentDeliveries(db: Db, channelIds: readonly string[], perChannel: number): Promise<Map<string, DeliveryLogEntry[]>> {
  const out = new Map<string, DeliveryLogEntry[]>();
  for (const channelId of channelIds) {
    const rows = await db.delivery.findMany({
      where: { channelId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: perChannel,
      select: { id: true, kind: true, state: true, attempts: true, lastStatus: true, lastError: true, createdAt: true, sentAt: true, nextAttemptAt: true },
    });
    out.set(channelId, rows);
  }
  return out;
}

/** The mitigate delivery's message for an alert: its revert re-sends the same action, params and alert block. */
export async function findMitigateMessage(tx: Tx, alertId: string): Promise<OutboundMessage | null> {
  const row = await tx.delivery.findFirst({ where: { alertId, kind: "mitigate" }, orderBy: byAge, select: { payload: true } });
  return row ? (JSON.parse(row.payload) as OutboundMessage) : null;
}
