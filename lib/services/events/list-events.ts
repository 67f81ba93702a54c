import type { Principal } from "@/lib/auth/principal.ts";
import { getDb } from "@/lib/db/client.ts";
import {
  readLowestEvalEvents, readRecentEvents, readSlowestEvents, type EventSelection, type EventSummary,
} from "@/lib/db/event-queries.ts";
import { DAY_MS } from "@/lib/domain/rollup/tiers.ts";
import type { ScoreConfig } from "@/lib/domain/score/index.ts";
import { AppError } from "@/lib/errors.ts";
import type { EventFilter, EventsQuery } from "@/lib/schemas/events-query.ts";
import { loadEventService } from "./event-access.ts";

/** How many of the newest events "lowest eval" sorts at most (the eval value lives in JSON text). */
export const EVAL_SCAN_LIMIT = 20_000;

export interface EventPage {
  service: string;
  from: string;
  to: string;
  filter: EventFilter;
  segment: { dimension: string; value: string } | null;
  /** The eval "lowest_eval" sorts by (null for other filters). */
  eval: string | null;
  events: EventSummary[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
  /** lowest_eval only: how many events were sorted, and whether older ones were left out. */
  scan: { scanned: number; truncated: boolean } | null;
  /** Whether the service keeps prompts and responses at all (its privacy setting). */
  storesPrompts: boolean;
}

/**
 * GET /api/services/{slug}/events: one page of the raw events behind a view — a time range, optionally one
 * segment value — narrowed by a filter that also fixes the order (newest, slowest or lowest eval first).
 */
export async function listEvents(principal: Principal, slug: string, query: EventsQuery, now: Date): Promise<EventPage> {
  const { service, config } = await loadEventService(principal, slug);
  const to = query.to ?? now;
  const from = query.from ?? new Date(to.getTime() - DAY_MS);
  const selection: EventSelection = {
    serviceId: service.id, from, to, segment: query.segment ?? null,
    errorsOnly: query.filter === "errors", negativeFeedbackOnly: query.filter === "negative_feedback",
  };
  const db = await getDb();
  const take = query.limit + 1;
  const base = {
    service: service.slug, from: from.toISOString(), to: to.toISOString(), filter: query.filter, segment: selection.segment,
    storesPrompts: service.storePrompts,
  };

  if (query.filter === "slowest") {
    const cursor = decodeCursor(query.cursor, (c) => typeof c.l === "number" && typeof c.i === "string" ? { latencyMs: c.l, eventId: c.i } : null);
    const rows = await readSlowestEvents(db, selection, cursor, take);
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return { ...base, eval: null, scan: null, events: page, nextCursor: rows.length > query.limit && last ? encodeCursor({ l: last.latencyMs, i: last.eventId }) : null };
  }
  if (query.filter === "lowest_eval") {
    const evalName = query.eval ?? defaultEval(config);
    const cursor = decodeCursor(query.cursor, (c) => typeof c.v === "number" && typeof c.i === "string" ? { value: c.v, eventId: c.i } : null);
    const found = await readLowestEvalEvents(db, selection, evalName, cursor, take, EVAL_SCAN_LIMIT);
    const page = found.events.slice(0, query.limit);
    const last = page.at(-1);
    const nextCursor = found.events.length > query.limit && last ? encodeCursor({ v: found.values[page.length - 1], i: last.eventId }) : null;
    return { ...base, eval: evalName, scan: { scanned: found.scanned, truncated: found.truncated }, events: page, nextCursor };
  }
  const cursor = decodeCursor(query.cursor, (c) => typeof c.t === "string" && typeof c.i === "string" ? { timestamp: c.t, eventId: c.i } : null);
  const rows = await readRecentEvents(db, selection, cursor, take);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return { ...base, eval: null, scan: null, events: page, nextCursor: rows.length > query.limit && last ? encodeCursor({ t: last.timestamp, i: last.eventId }) : null };
}

/** The first eval the config scores where higher is better (so "lowest" means "worst"); else relevance. */
export function defaultEval(config: Pick<ScoreConfig, "components">): string {
  for (const c of config.components) {
    const name = /^eval\.(.+)\.mean$/.exec(c.metric)?.[1];
    if (name && c.good > c.bad) return name;
  }
  return "relevance";
}

function encodeCursor(value: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

function decodeCursor<T>(text: string | undefined, read: (c: Record<string, unknown>) => T | null): T | null {
  if (text === undefined) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
  } catch {
    parsed = null;
  }
  const cursor = parsed !== null && typeof parsed === "object" ? read(parsed as Record<string, unknown>) : null;
  if (cursor === null) throw new AppError("BAD_REQUEST", 400, "cursor: not a cursor this filter answered with; start again without it.");
  return cursor;
}
