import type { Db, Tx } from "./client.ts";
import type { Prisma } from "./generated/sqlite/client.ts";

// Reads of raw events for the event explorer: filtered, ordered and keyset-paged in the database. Filters on
// the JSON text columns (segments, feedback) match the exact `"key":value` text the ingest writer produces
// (JSON.stringify, no spaces), which is portable across SQLite and PostgreSQL without dialect SQL.

type EventWhere = Prisma.EventWhereInput;

/** A stored event as the explorer lists it (no prompt, response, retrieval or attributes). */
export interface EventSummary {
  eventId: string;
  timestamp: string;
  model: string | null;
  provider: string | null;
  variant: string | null;
  latencyMs: number | null;
  ttftMs: number | null;
  status: "ok" | "error";
  errorType: string | null;
  inputTokens: number | null;
  outputTokens: number | null;
  costUsd: number | null;
  segments: Record<string, string>;
  evals: Record<string, number | boolean>;
  feedback: Record<string, number>;
  outcomes: Record<string, boolean>;
}

/** Everything stored about one event. */
export interface EventDetail extends EventSummary {
  receivedAt: string;
  retrieval: Record<string, unknown>;
  attributes: Record<string, string | number>;
  prompt: string | null;
  response: string | null;
}

/** Which events, ordered how: "recent" newest first; "slowest" by latency, highest first. */
export interface EventSelection {
  serviceId: string;
  /** Timestamps in (from, to]. */
  from: Date;
  to: Date;
  errorsOnly: boolean;
  negativeFeedbackOnly: boolean;
  segment: { dimension: string; value: string } | null;
}

export type RecentCursor = { timestamp: string; eventId: string };
export type SlowestCursor = { latencyMs: number; eventId: string };
export type EvalCursor = { value: number; eventId: string };

const SUMMARY_COLUMNS = {
  eventId: true, timestamp: true, model: true, provider: true, variant: true, latencyMs: true, ttftMs: true, status: true,
  errorType: true, inputTokens: true, outputTokens: true, costUsd: true, segments: true, evals: true, feedback: true, outcomes: true,
} as const;
const DETAIL_COLUMNS = { ...SUMMARY_COLUMNS, receivedAt: true, retrieval: true, attributes: true, prompt: true, response: true } as const;

type SummaryRow = { [K in keyof typeof SUMMARY_COLUMNS]: K extends keyof EventRow ? EventRow[K] : never };
type EventRow = Awaited<ReturnType<Db["event"]["findMany"]>>[number];

const COLUMN_DIMENSIONS = new Set(["provider", "model", "variant"]);

/** Human ratings counted as negative: a thumbs-down, or a CSAT of 1 or 2 (of 5). */
const NEGATIVE_FEEDBACK = ['"thumbs_up":0', '"csat":1', '"csat":2'].flatMap((pair) => [`${pair},`, `${pair}}`]);

function whereOf(s: EventSelection): EventWhere[] {
  const and: EventWhere[] = [{ serviceId: s.serviceId }, { timestamp: { gt: s.from, lte: s.to } }];
  if (s.errorsOnly) and.push({ status: "error" });
  if (s.negativeFeedbackOnly) and.push({ OR: NEGATIVE_FEEDBACK.map((text) => ({ feedback: { contains: text } })) });
  if (s.segment) {
    const { dimension, value } = s.segment;
    and.push(COLUMN_DIMENSIONS.has(dimension) ? { [dimension]: value } : { segments: { contains: `${JSON.stringify(dimension)}:${JSON.stringify(value)}` } });
  }
  return and;
}

function toSummary(row: SummaryRow): EventSummary {
  return {
    eventId: row.eventId, timestamp: row.timestamp.toISOString(), model: row.model, provider: row.provider, variant: row.variant,
    latencyMs: row.latencyMs, ttftMs: row.ttftMs, status: row.status === "error" ? "error" : "ok", errorType: row.errorType,
    inputTokens: row.inputTokens, outputTokens: row.outputTokens, costUsd: row.costUsd,
    segments: JSON.parse(row.segments) as Record<string, string>,
    evals: JSON.parse(row.evals) as Record<string, number | boolean>,
    feedback: JSON.parse(row.feedback) as Record<string, number>,
    outcomes: JSON.parse(row.outcomes) as Record<string, boolean>,
  };
}

/** Newest first, after `cursor`; `limit` rows at most. */
export async function readRecentEvents(db: Db | Tx, s: EventSelection, cursor: RecentCursor | null, limit: number): Promise<EventSummary[]> {
  const and = whereOf(s);
  if (cursor) {
    const t = new Date(cursor.timestamp);
    and.push({ OR: [{ timestamp: { lt: t } }, { timestamp: t, eventId: { lt: cursor.eventId } }] });
  }
  const rows = await db.event.findMany({ where: { AND: and }, orderBy: [{ timestamp: "desc" }, { eventId: "desc" }], take: limit, select: SUMMARY_COLUMNS });
  return rows.map(toSummary);
}

/** Highest latency first (events without a latency left out), after `cursor`. */
export async function readSlowestEvents(db: Db | Tx, s: EventSelection, cursor: SlowestCursor | null, limit: number): Promise<EventSummary[]> {
  const and = whereOf(s);
  and.push({ latencyMs: { not: null } });
  if (cursor) and.push({ OR: [{ latencyMs: { lt: cursor.latencyMs } }, { latencyMs: cursor.latencyMs, eventId: { gt: cursor.eventId } }] });
  const rows = await db.event.findMany({ where: { AND: and }, orderBy: [{ latencyMs: "desc" }, { eventId: "asc" }], take: limit, select: SUMMARY_COLUMNS });
  return rows.map(toSummary);
}

/**
 * Lowest value of one eval first (a boolean counts as 1/0), after `cursor`. The value lives in JSON text, so
 * the newest `scanLimit` events of the selection that carry the eval are read (two narrow columns) and sorted
 * here; `scanned` says how many were read and `truncated` whether older ones were left out.
 */
export async function readLowestEvalEvents(
  db: Db | Tx, s: EventSelection, evalName: string, cursor: EvalCursor | null, limit: number, scanLimit: number,
): Promise<{ events: EventSummary[]; values: number[]; scanned: number; truncated: boolean }> {
  const and = whereOf(s);
  and.push({ evals: { contains: `${JSON.stringify(evalName)}:` } });
  const narrow = await db.event.findMany({
    where: { AND: and }, orderBy: [{ timestamp: "desc" }, { eventId: "desc" }], take: scanLimit + 1, select: { eventId: true, evals: true },
  });
  const truncated = narrow.length > scanLimit;
  const ranked = narrow
    .slice(0, scanLimit)
    .flatMap(({ eventId, evals }) => {
      const raw = (JSON.parse(evals) as Record<string, number | boolean>)[evalName];
      const value = typeof raw === "boolean" ? Number(raw) : raw;
      return typeof value === "number" ? [{ eventId, value }] : [];
    })
    .sort((a, b) => a.value - b.value || (a.eventId < b.eventId ? -1 : 1))
    .filter((r) => !cursor || r.value > cursor.value || (r.value === cursor.value && r.eventId > cursor.eventId))
    .slice(0, limit);
  const rows = await db.event.findMany({ where: { serviceId: s.serviceId, eventId: { in: ranked.map((r) => r.eventId) } }, select: SUMMARY_COLUMNS });
  const byId = new Map(rows.map((r) => [r.eventId, toSummary(r)]));
  return { events: ranked.map((r) => byId.get(r.eventId)!), values: ranked.map((r) => r.value), scanned: Math.min(narrow.length, scanLimit), truncated };
}

/** One event with everything stored about it, or null. */
export async function readEventDetail(db: Db | Tx, serviceId: string, eventId: string): Promise<EventDetail | null> {
  const row = await db.event.findUnique({ where: { serviceId_eventId: { serviceId, eventId } }, select: DETAIL_COLUMNS });
  if (!row) return null;
  return {
    ...toSummary(row),
    receivedAt: row.receivedAt.toISOString(),
    retrieval: JSON.parse(row.retrieval) as Record<string, unknown>,
    attributes: JSON.parse(row.attributes) as Record<string, string | number>,
    prompt: row.prompt,
    response: row.response,
  };
}

/** The providers each service saw since `since`, for the portfolio's provider filter. */
export async function readRecentProviders(db: Db | Tx, serviceIds: readonly string[], since: Date): Promise<Map<string, string[]>> {
  const groups = await db.event.groupBy({
    by: ["serviceId", "provider"],
    where: { serviceId: { in: [...serviceIds] }, timestamp: { gte: since }, provider: { not: null } },
  });
  const out = new Map<string, string[]>();
  for (const g of groups) if (g.provider !== null) out.set(g.serviceId, [...(out.get(g.serviceId) ?? []), g.provider].sort());
  return out;
}
