import type { Mitigation } from "@/lib/domain/alerts/types.ts";
import type { Db, Tx } from "./client.ts";

// Row ↔ domain for alert episodes, their timelines and deliveries, as the alerts UI and API read them. Times
// leave as ISO strings: every reader sends them on as JSON or as props to client components.

export const OPEN_STATES = ["pending", "firing"] as const;

export interface AlertPerson {
  name: string;
  email: string;
}

export interface AlertSummary {
  id: string;
  severity: string;
  shadow: boolean;
  state: string;
  alertKey: string;
  pendingSince: string;
  firingSince: string | null;
  resolvedAt: string | null;
  acknowledgedAt: string | null;
  acknowledgedBy: AlertPerson | null;
  resolvedBy: AlertPerson | null;
  score: number | null;
  worstScore: number | null;
  service: { slug: string; name: string };
}

export interface AlertEventView {
  id: string;
  at: string;
  kind: string;
  actor: string;
  detail: Record<string, unknown>;
}

export interface DeliveryView {
  id: string;
  channel: string;
  channelKind: string;
  kind: string;
  state: string;
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

export interface AlertDetail extends AlertSummary {
  lastNotifiedAt: string | null;
  mitigation: Mitigation | null;
  events: AlertEventView[];
  deliveries: DeliveryView[];
}

/** What a list reads; `serviceIds` null means every service (the caller's scope is already in it). */
export interface AlertFilter {
  serviceIds: readonly string[] | null;
  states: readonly string[] | null;
  severity?: string;
  shadow: "include" | "exclude" | "only";
  /** Episodes open at some time in [from, to). */
  from?: Date;
  to?: Date;
}

const PERSON = { select: { name: true, email: true } } as const;
const SUMMARY_INCLUDE = { service: { select: { slug: true, name: true } }, acknowledgedBy: PERSON, resolvedBy: PERSON } as const;

interface SummaryRow {
  id: string; severity: string; shadow: boolean; state: string; alertKey: string;
  pendingSince: Date; firingSince: Date | null; resolvedAt: Date | null; acknowledgedAt: Date | null;
  score: number | null; worstScore: number | null;
  service: { slug: string; name: string }; acknowledgedBy: AlertPerson | null; resolvedBy: AlertPerson | null;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function toSummary(row: SummaryRow): AlertSummary {
  return {
    id: row.id, severity: row.severity, shadow: row.shadow, state: row.state, alertKey: row.alertKey,
    pendingSince: row.pendingSince.toISOString(), firingSince: iso(row.firingSince), resolvedAt: iso(row.resolvedAt),
    acknowledgedAt: iso(row.acknowledgedAt), acknowledgedBy: row.acknowledgedBy, resolvedBy: row.resolvedBy,
    score: row.score, worstScore: row.worstScore, service: row.service,
  };
}

function parseJson<T>(text: string | null, fallback: T): T {
  if (text === null) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

function whereOf(f: AlertFilter) {
  return {
    ...(f.serviceIds ? { serviceId: { in: [...f.serviceIds] } } : {}),
    ...(f.states ? { state: { in: [...f.states] } } : {}),
    ...(f.severity ? { severity: f.severity } : {}),
    ...(f.shadow === "exclude" ? { shadow: false } : f.shadow === "only" ? { shadow: true } : {}),
    ...(f.to ? { pendingSince: { lt: f.to } } : {}),
    // Overlap, not start: an episode that began before `from` and was still open then belongs to the range.
    ...(f.from ? { OR: [{ state: { in: [...OPEN_STATES] } }, { resolvedAt: { gte: f.from } }, { resolvedAt: null, pendingSince: { gte: f.from } }] } : {}),
  };
}

/** One page, newest episode first (id breaks ties so pages never overlap), and how many match in all. */
export async function readAlertPage(db: Db, filter: AlertFilter, skip: number, take: number): Promise<{ alerts: AlertSummary[]; total: number }> {
  const where = whereOf(filter);
  const [rows, total] = await Promise.all([
    db.alert.findMany({ where, include: SUMMARY_INCLUDE, orderBy: [{ pendingSince: "desc" }, { id: "desc" }], skip, take }),
    db.alert.count({ where }),
  ]);
  return { alerts: rows.map(toSummary), total };
}

export interface AlertCounts {
  firing: number;
  pending: number;
  /** open episodes someone has acknowledged */
  acknowledged: number;
  resolvedSince: number;
}

/** The /alerts header's counts under the filter's service, severity and shadow choice (not its state or time). */
export async function countAlerts(db: Db, filter: AlertFilter, resolvedSince: Date): Promise<AlertCounts> {
  const base = whereOf({ ...filter, states: null, from: undefined, to: undefined });
  const [firing, pending, acknowledged, resolved] = await Promise.all([
    db.alert.count({ where: { ...base, state: "firing" } }),
    db.alert.count({ where: { ...base, state: "pending" } }),
    db.alert.count({ where: { ...base, state: { in: [...OPEN_STATES] }, acknowledgedAt: { not: null } } }),
    db.alert.count({ where: { ...base, state: "resolved", resolvedAt: { gte: resolvedSince } } }),
  ]);
  return { firing, pending, acknowledged, resolvedSince: resolved };
}

/** The alert with its timeline (oldest first) and deliveries, if it belongs to one of `serviceIds` (null: any). */
export async function readAlertDetail(db: Db | Tx, id: string, serviceIds: readonly string[] | null): Promise<AlertDetail | null> {
  const row = await db.alert.findFirst({
    where: { id, ...(serviceIds ? { serviceId: { in: [...serviceIds] } } : {}) },
    include: {
      ...SUMMARY_INCLUDE,
      events: { orderBy: [{ at: "asc" }, { id: "asc" }] },
      deliveries: { orderBy: { createdAt: "asc" }, include: { channel: { select: { name: true, kind: true } } } },
    },
  });
  if (!row) return null;
  return {
    ...toSummary(row),
    lastNotifiedAt: iso(row.lastNotifiedAt),
    mitigation: parseJson<Mitigation | null>(row.mitigation, null),
    events: row.events.map((e) => ({ id: e.id, at: e.at.toISOString(), kind: e.kind, actor: e.actorLabel, detail: parseJson(e.detail, {}) })),
    deliveries: row.deliveries.map((d) => ({
      id: d.id, channel: d.channel.name, channelKind: d.channel.kind, kind: d.kind, state: d.state, attempts: d.attempts,
      lastStatus: d.lastStatus, lastError: d.lastError, createdAt: d.createdAt.toISOString(), sentAt: iso(d.sentAt),
    })),
  };
}

/** The fields a hand action's 409 explains itself with. */
export async function readAlertState(tx: Tx, id: string, serviceIds: readonly string[] | null) {
  return tx.alert.findFirst({
    where: { id, ...(serviceIds ? { serviceId: { in: [...serviceIds] } } : {}) },
    select: { id: true, state: true, severity: true, acknowledgedAt: true, resolvedAt: true, acknowledgedBy: PERSON, resolvedBy: PERSON, service: { select: { slug: true } } },
  });
}

/** Acknowledges an open, unacknowledged episode; false when it is not one (the race guard). */
export async function markAcknowledged(tx: Tx, id: string, userId: string, now: Date): Promise<boolean> {
  const { count } = await tx.alert.updateMany({
    where: { id, acknowledgedAt: null, state: { in: [...OPEN_STATES] } },
    data: { acknowledgedAt: now, acknowledgedById: userId },
  });
  return count > 0;
}

/** Resolves an open episode by hand; false when it is no longer open (the race guard). */
export async function markResolvedByHand(tx: Tx, id: string, userId: string, now: Date): Promise<boolean> {
  const { count } = await tx.alert.updateMany({
    where: { id, state: { in: [...OPEN_STATES] } },
    data: { state: "resolved", resolvedAt: now, resolvedById: userId },
  });
  return count > 0;
}

export async function insertAlertEvent(tx: Tx, row: { alertId: string; at: Date; kind: string; actorId: string | null; actorLabel: string; detail?: unknown }): Promise<void> {
  await tx.alertEvent.create({
    data: { alertId: row.alertId, at: row.at, kind: row.kind, actorId: row.actorId, actorLabel: row.actorLabel, detail: JSON.stringify(row.detail ?? {}) },
  });
}

/** Per service id: open, non-shadow episodes by severity. */
export async function countOpenAlertsByService(db: Db, serviceIds: readonly string[]): Promise<Map<string, { warning: number; critical: number }>> {
  const groups = await db.alert.groupBy({
    by: ["serviceId", "severity"],
    where: { serviceId: { in: [...serviceIds] }, state: { in: [...OPEN_STATES] }, shadow: false },
    _count: { _all: true },
  });
  const out = new Map<string, { warning: number; critical: number }>();
  for (const g of groups) {
    const entry = out.get(g.serviceId) ?? { warning: 0, critical: 0 };
    if (g.severity === "critical" || g.severity === "warning") entry[g.severity] += g._count._all;
    out.set(g.serviceId, entry);
  }
  return out;
}
