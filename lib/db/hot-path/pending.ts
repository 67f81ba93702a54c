import type { TelemetryEvent } from "@/lib/domain/event.ts";
import { responseLength } from "@/lib/domain/rollup/index.ts";
import type { Provider } from "../database-url.ts";
import { rowToEvent, type EventRowData } from "../event-rows.ts";
import { quoted } from "./codec.ts";

// The fold queue (PendingFold, prisma/models.prisma): one row per newly stored event, written in the ingest
// transaction and deleted in the transaction that folds the event into the rollups (script.ts foldPendingScript).
// The event row is the source of the fold; the queue row carries what the event row keeps no copy of — the
// embedding (never stored per event) and, when the service stores no responses, the response's length — so a
// deferred fold adds exactly what folding at ingest added.

/** A queue row as ingest writes it. */
export interface PendingRow {
  eventId: string;
  /** JSON number[], or null. */
  embedding: string | null;
  responseLength: number | null;
}

/** A queue row as the aggregator claims it. */
export interface ClaimedFold extends PendingRow {
  seq: number;
  serviceId: string;
}

export function pendingRow(e: TelemetryEvent, storePrompts: boolean): PendingRow {
  return {
    eventId: e.eventId,
    embedding: e.embedding && e.embedding.length > 0 ? JSON.stringify(e.embedding) : null,
    responseLength: !storePrompts && e.response !== undefined ? responseLength(e.response) : null,
  };
}

export const PENDING_COLUMNS = ["serviceId", "eventId", "embedding", "responseLength"] as const;

export function pendingValues(serviceId: string, row: PendingRow): unknown[] {
  return [serviceId, row.eventId, row.embedding, row.responseLength];
}

/** The oldest `limit` queue rows. PostgreSQL: locked, skipping rows another aggregator has claimed. */
export function claimPendingSql(provider: Provider): string {
  const columns = `"seq", ${quoted(PENDING_COLUMNS)}`;
  return provider === "postgres"
    ? `SELECT ${columns} FROM "PendingFold" ORDER BY "seq" LIMIT $1 FOR UPDATE SKIP LOCKED`
    : `SELECT ${columns} FROM "PendingFold" ORDER BY "seq" LIMIT ?`;
}

/** The Event columns a fold reads (event-rows.ts rowToEvent), the timestamp as epoch ms on PostgreSQL. */
export function foldEventColumns(provider: Provider): string {
  const timestamp = provider === "postgres" ? `(extract(epoch from "timestamp") * 1000)::float8 AS "timestamp"` : `"timestamp"`;
  return [
    `"eventId"`, timestamp, `"model"`, `"provider"`, `"variant"`, `"latencyMs"`, `"ttftMs"`, `"status"`, `"errorType"`, `"inputTokens"`,
    `"outputTokens"`, `"costUsd"`, `"segments"`, `"evals"`, `"feedback"`, `"outcomes"`, `"retrieval"`, `"attributes"`, `"response"`,
  ].join(", ");
}

/** A row of foldEventColumns, whichever driver read it: the timestamp as epoch ms, ISO text or a Date. */
export type RawFoldEventRow = Omit<EventRowData, "timestamp"> & { timestamp: number | string | Date };

/**
 * The events of `claimed` as they were ingested, in the order of `claimed` (the queue's: the cardinality guard
 * admits values first come, first served, as at ingest): the stored row plus what the queue row carried.
 * A response of the recorded length stands in for a response the service does not store: only its length is
 * folded (responseLength), and a string of that many ASCII characters has exactly that length.
 */
export function eventsToFold(claimed: readonly ClaimedFold[], rows: readonly RawFoldEventRow[]): TelemetryEvent[] {
  const byId = new Map(rows.map((row) => [row.eventId, row]));
  const events: TelemetryEvent[] = [];
  for (const c of claimed) {
    const row = byId.get(c.eventId);
    if (!row) continue; // deleted since (retention, service deletion): its queue row goes with it by cascade
    const t = row.timestamp;
    events.push(withQueued(rowToEvent({ ...row, timestamp: t instanceof Date ? t : new Date(typeof t === "number" ? Math.round(t) : t) }), c));
  }
  return events;
}

/** Adds to a stored event what its queue row carried (in place; returns it). */
export function withQueued(event: TelemetryEvent, queued: PendingRow): TelemetryEvent {
  if (queued.embedding !== null) event.embedding = JSON.parse(queued.embedding) as number[];
  if (queued.responseLength !== null && event.response === undefined) event.response = "x".repeat(queued.responseLength);
  return event;
}

/** A raw queue row (pg returns int4 as number, Prisma's SQLite adapter may return bigint). */
export function toClaimed(row: { seq: number | bigint | string; serviceId: string; eventId: string; embedding: string | null; responseLength: number | bigint | null }): ClaimedFold {
  return {
    seq: Number(row.seq),
    serviceId: row.serviceId,
    eventId: row.eventId,
    embedding: row.embedding,
    responseLength: row.responseLength === null ? null : Number(row.responseLength),
  };
}
