import type { TelemetryEvent } from "@/lib/domain/event.ts";
import type { Db, Tx } from "./client.ts";

// Raw events read back as domain events (the rollup rebuild), and raw-event retention. The insert side is
// lib/db/events.ts; the JSON columns are written there and parsed here.

const EVENT_COLUMNS = {
  eventId: true, timestamp: true, model: true, provider: true, variant: true, latencyMs: true, ttftMs: true,
  status: true, errorType: true, inputTokens: true, outputTokens: true, costUsd: true, segments: true, evals: true,
  feedback: true, outcomes: true, retrieval: true, attributes: true, response: true,
} as const;

type EventRow = Awaited<ReturnType<Db["event"]["findMany"]>>[number];
/** The columns a rollup fold reads, as Prisma returns them (the hot path reads the same: hot-path/pending.ts). */
export type EventRowData = Pick<EventRow, keyof typeof EVENT_COLUMNS>;

const opt = <T>(v: T | null): T | undefined => (v === null ? undefined : v);

/**
 * A stored event as the TelemetryEvent it was ingested as, minus what storage keeps no copy of: the embedding
 * (never stored), the prompt (not needed by rollups) and, for services that store no prompts, the response.
 */
export function rowToEvent(row: EventRowData): TelemetryEvent {
  const retrieval = JSON.parse(row.retrieval) as { precision?: number; score?: number; document_ids?: string[] };
  return {
    eventId: row.eventId,
    timestamp: row.timestamp,
    model: opt(row.model),
    provider: opt(row.provider),
    variant: opt(row.variant),
    latencyMs: opt(row.latencyMs),
    ttftMs: opt(row.ttftMs),
    status: row.status === "error" ? "error" : "ok",
    errorType: opt(row.errorType),
    inputTokens: opt(row.inputTokens),
    outputTokens: opt(row.outputTokens),
    costUsd: opt(row.costUsd),
    segments: JSON.parse(row.segments) as Record<string, string>,
    evals: JSON.parse(row.evals) as Record<string, number | boolean>,
    feedback: JSON.parse(row.feedback) as Record<string, number>,
    outcomes: JSON.parse(row.outcomes) as Record<string, boolean>,
    retrieval: { precision: retrieval.precision, score: retrieval.score, documentIds: retrieval.document_ids },
    attributes: JSON.parse(row.attributes) as Record<string, string | number>,
    response: opt(row.response),
  };
}

export interface EventCursor {
  timestamp: Date;
  eventId: string;
}

/**
 * One page of a service's events with from ≤ timestamp < to, in (timestamp, eventId) order, after `cursor`.
 * Keyset paging: each page is an index range scan, however deep into the range it is.
 */
export async function readEventPage(
  db: Db | Tx,
  serviceId: string,
  range: { from: Date; to: Date },
  cursor: EventCursor | null,
  limit: number,
): Promise<TelemetryEvent[]> {
  const after = cursor
    ? { OR: [{ timestamp: { gt: cursor.timestamp } }, { timestamp: cursor.timestamp, eventId: { gt: cursor.eventId } }] }
    : {};
  const rows = await db.event.findMany({
    where: { serviceId, timestamp: { gte: range.from, lt: range.to }, ...after },
    orderBy: [{ timestamp: "asc" }, { eventId: "asc" }],
    take: limit,
    select: EVENT_COLUMNS,
  });
  return rows.map(rowToEvent);
}

/** Deletes raw events with a timestamp before `cutoff` (retention); returns how many. */
export async function deleteEventsBefore(db: Db | Tx, cutoff: Date, serviceId?: string): Promise<number> {
  const where = serviceId === undefined ? { timestamp: { lt: cutoff } } : { serviceId, timestamp: { lt: cutoff } };
  const { count } = await db.event.deleteMany({ where });
  return count;
}
