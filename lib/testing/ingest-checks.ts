import { expect } from "vitest";
import type { Db } from "@/lib/db/client.ts";
import { truncateUtf8 } from "@/lib/domain/event.ts";

// Assertions about the ingest contract (DESIGN.md §3) shared by the ingest property tests: the shape of any
// answer, an accepted event stored as sent, and rollups that count exactly the stored events.

/** Every status DESIGN.md §3 lets POST /api/ingest answer. */
export const CONTRACT_STATUSES = [200, 207, 400, 401, 403, 413, 415, 422, 429, 503];

export interface Answer {
  status: number;
  body: unknown;
}

export interface IngestBody {
  accepted: number;
  duplicates: number;
  rejected: { index: number; event_id: string | null; errors: { path: string; message: string }[] }[];
}

/** The invariants of any answer to a batch of `n` events — true whatever the events were. */
export function checkContract(answer: Answer, n: number): void {
  expect(answer.status).toBeLessThan(500);
  expect(CONTRACT_STATUSES).toContain(answer.status);
  if (![200, 207, 422].includes(answer.status)) {
    expect(answer.body).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
    return;
  }
  const body = answer.body as IngestBody;
  expect(body.accepted + body.duplicates + body.rejected.length).toBe(n);
  const indices = body.rejected.map((r) => r.index);
  expect(new Set(indices).size).toBe(indices.length);
  for (const r of body.rejected) {
    expect(Number.isInteger(r.index) && r.index >= 0 && r.index < n).toBe(true);
    expect(r.errors.length).toBeGreaterThan(0);
    for (const e of r.errors) {
      expect(typeof e.path === "string" && e.path.length > 0).toBe(true);
      expect(typeof e.message === "string" && e.message.length > 0).toBe(true);
    }
  }
  expect(answer.status === 200).toBe(body.rejected.length === 0);
  expect(answer.status === 422).toBe(body.accepted + body.duplicates === 0 && body.rejected.length > 0);
}

export type Wire = Record<string, unknown>;
type EventRow = Awaited<ReturnType<Db["event"]["findMany"]>>[number];

/** An accepted event is stored as sent (after JSON): every field; prompt and response truncated, or not kept. */
export function expectStoredAsSent(row: EventRow, sent: Wire, keepsPrompts: boolean): void {
  const textOf = (v: unknown) => (keepsPrompts && typeof v === "string" ? truncateUtf8(v) : null);
  const retrieval = (sent.retrieval ?? {}) as Wire;
  expect(
    {
      eventId: row.eventId, timestamp: row.timestamp.getTime(), model: row.model, provider: row.provider, variant: row.variant,
      latencyMs: row.latencyMs, ttftMs: row.ttftMs, status: row.status, errorType: row.errorType, inputTokens: row.inputTokens,
      outputTokens: row.outputTokens, costUsd: row.costUsd, segments: JSON.parse(row.segments), evals: JSON.parse(row.evals),
      feedback: JSON.parse(row.feedback), outcomes: JSON.parse(row.outcomes), retrieval: JSON.parse(row.retrieval),
      attributes: JSON.parse(row.attributes), prompt: row.prompt, response: row.response,
    },
    `event ${JSON.stringify(sent.event_id)}`,
  ).toEqual({
    eventId: sent.event_id, timestamp: new Date(sent.timestamp as string).getTime(), model: sent.model ?? null,
    provider: sent.provider ?? null, variant: sent.variant ?? null, latencyMs: sent.latency_ms ?? null, ttftMs: sent.ttft_ms ?? null,
    status: sent.status ?? "ok", errorType: sent.error_type ?? null, inputTokens: sent.input_tokens ?? null,
    outputTokens: sent.output_tokens ?? null, costUsd: sent.cost_usd ?? null, segments: sent.segments ?? {}, evals: sent.evals ?? {},
    feedback: sent.feedback ?? {}, outcomes: sent.outcomes ?? {},
    retrieval: JSON.parse(JSON.stringify({ precision: retrieval.precision, score: retrieval.score, document_ids: retrieval.document_ids })),
    attributes: sent.attributes ?? {}, prompt: textOf(sent.prompt), response: textOf(sent.response),
  });
}

type Tally = { count: number; errors: number; rejected: number };
const HOUR_MS = 3_600_000;

function add(into: Map<string, Tally>, key: string, count: number, errors: number, rejected = 0): void {
  const slot = into.get(key) ?? { count: 0, errors: 0, rejected: 0 };
  slot.count += count;
  slot.errors += errors;
  slot.rejected += rejected;
  into.set(key, slot);
}

/**
 * The all-traffic rollup rows count exactly the stored events, hour by hour and service by service: an hour is
 * counted by its hour row when it has one (and its minute rows, if any, must add up to the same, rejected
 * included — the hour tier is written through), else by its minute rows. Rejected events, counted on minute
 * rows, match `rejected` (service id → count). No event is older than the hour tier, so there must be no day rows.
 */
export async function expectRollupsCountEvents(db: Db, rejected: ReadonlyMap<string, number>): Promise<void> {
  const raw = new Map<string, Tally>();
  for (const e of await db.event.findMany({ select: { serviceId: true, timestamp: true, status: true } })) {
    add(raw, `${e.serviceId} ${Math.floor(e.timestamp.getTime() / HOUR_MS)}`, 1, e.status === "error" ? 1 : 0);
  }
  const rows = await db.rollup.findMany({
    where: { dimension: "*", value: "*" },
    select: { serviceId: true, tier: true, bucketStart: true, count: true, errors: true, rejected: true },
  });
  expect(rows.filter((r) => r.tier === "day")).toEqual([]);
  const minutes = new Map<string, Tally>();
  const hours = new Map<string, Tally>();
  const rejectedRows = new Map<string, number>();
  for (const r of rows) {
    add(r.tier === "hour" ? hours : minutes, `${r.serviceId} ${Math.floor(r.bucketStart.getTime() / HOUR_MS)}`, r.count, r.errors, r.rejected);
    if (r.tier === "minute" && r.rejected > 0) rejectedRows.set(r.serviceId, (rejectedRows.get(r.serviceId) ?? 0) + r.rejected);
  }
  for (const [hour, tally] of hours) if (minutes.has(hour)) expect(minutes.get(hour), `minute rows of ${hour}`).toEqual(tally);
  const counted = [...new Map([...minutes, ...hours])].filter(([, tally]) => tally.count > 0).map(([hour, { count, errors }]) => [hour, { count, errors }]);
  expect(Object.fromEntries(counted)).toEqual(Object.fromEntries([...raw].map(([hour, { count, errors }]) => [hour, { count, errors }])));
  expect(Object.fromEntries(rejectedRows)).toEqual(Object.fromEntries([...rejected].filter(([, n]) => n > 0)));
}
