import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKeyAsSystem } from "@/lib/services/api-keys/create-api-key.ts";
import { jsonRequest, type CallOptions } from "@/lib/testing/route.ts";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-db.ts";

// Every status code of the ingest contract (DESIGN.md §3) against the real route handler and database.
// The rate limit is lowered for this file (10 events/s, burst 1,000) so the 429 is reached quickly.
process.env.VITALS_INGEST_RATE_PER_KEY = "10";
const { POST } = await import("./route.ts");

let t: TestDatabase;
let chatKey: string;
let allKey: string;
let readOnlyKey: string;
let ragId: string;
const now = Date.now();
const iso = (offsetMs = 0) => new Date(now + offsetMs).toISOString();

const event = (id: string, extra: Record<string, unknown> = {}) => ({
  event_id: id,
  service: "chat",
  timestamp: iso(-60_000),
  model: "gpt-4o",
  provider: "openai",
  latency_ms: 900,
  status: "ok",
  ...extra,
});

async function post(key: string | null, options: CallOptions) {
  const headers = { ...(key ? { authorization: `Bearer ${key}` } : {}), ...options.headers };
  const res = await POST(jsonRequest("/api/ingest", { ...options, headers }));
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
}

beforeAll(async () => {
  t = await createTestDatabase();
  const chat = await t.db.service.create({ data: { slug: "chat", name: "Chat", businessUnit: "bu", riskTier: "low" } });
  const rag = await t.db.service.create({ data: { slug: "rag", name: "RAG", businessUnit: "bu", riskTier: "low" } });
  ragId = rag.id;
  chatKey = (await createApiKeyAsSystem({ name: "chat", serviceId: chat.id, scopes: ["ingest"], actorLabel: "test" })).key;
  allKey = (await createApiKeyAsSystem({ name: "all", serviceId: null, scopes: ["ingest", "read"], actorLabel: "test" })).key;
  readOnlyKey = (await createApiKeyAsSystem({ name: "ro", serviceId: null, scopes: ["read"], actorLabel: "test" })).key;
});
afterAll(async () => {
  await t?.drop();
});

describe(`POST /api/ingest (${process.env.VITALS_TEST_DB})`, () => {
  it("200: stores a valid batch before answering", async () => {
    const res = await post(chatKey, { body: { events: [event("a1"), event("a2")] } });
    expect(res).toMatchObject({ status: 200, body: { accepted: 2, duplicates: 0, rejected: [] } });
    expect(await t.db.event.count({ where: { eventId: { in: ["a1", "a2"] } } })).toBe(2);
  });

  it("200: a retried batch is counted as duplicates and stored once", async () => {
    const res = await post(chatKey, { body: { events: [event("a1"), event("a3"), event("a3")] } });
    expect(res.body).toEqual({ accepted: 1, duplicates: 2, rejected: [] });
    expect(await t.db.event.count({ where: { eventId: { in: ["a1", "a3"] } } })).toBe(2);
  });

  it("207: some rejected, each with its index, event_id, path and message", async () => {
    const res = await post(chatKey, {
      body: { events: [event("b1"), event("b2", { latency_ms: -5 }), event("b3", { timestamp: iso(10 * 60_000) })] },
    });
    expect(res.status).toBe(207);
    expect(res.body.accepted).toBe(1);
    expect(res.body.rejected).toEqual([
      { index: 1, event_id: "b2", errors: [{ path: "latency_ms", message: "latency_ms must be ≥ 0." }] },
      { index: 2, event_id: "b3", errors: [{ path: "timestamp", message: "The timestamp is more than 5 minutes in the future; check the sender's clock." }] },
    ]);
  });

  it("422: nothing accepted", async () => {
    const res = await post(allKey, { body: { events: [event("c1", { service: "missing" }), { nonsense: true }] } });
    expect(res.status).toBe(422);
    expect(res.body.accepted).toBe(0);
    expect(res.body.rejected[0].errors[0].path).toBe("service");
    expect(res.body.rejected[1].event_id).toBeNull();
  });

  it("rejected events are counted against their service for data quality", async () => {
    await post(chatKey, { body: { events: [event("q1", { status: "broken" }), event("q2", { timestamp: iso(-40 * 86_400_000) })] } });
    // b2, b3 earlier, q1 and q2 now: all four belong to "chat", in the minute and (written through) the hour.
    for (const tier of ["minute", "hour"]) {
      const rows = await t.db.rollup.findMany({ where: { tier, dimension: "*", rejected: { gt: 0 } } });
      expect(rows.reduce((sum, r) => sum + r.rejected, 0)).toBe(4);
    }
  });

  it.each([
    ["not JSON", { raw: "{nope" }, /not valid JSON/],
    ["no events array", { body: { event: [] } }, /Expected \{ "events": \[ … \] \}/],
    ["events not an array", { body: { events: {} } }, /Expected \{ "events": \[ … \] \}/],
  ])("400: %s", async (_name, options, message) => {
    const res = await post(chatKey, options as CallOptions);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(message);
  });

  it("401: no key, or a key that does not exist", async () => {
    expect((await post(null, { body: { events: [] } })).status).toBe(401);
    expect((await post("lvk_00000000_notakeyatallnotakeyatall", { body: { events: [] } })).status).toBe(401);
  });

  it("403: a key without the ingest scope, or for another service", async () => {
    expect((await post(readOnlyKey, { body: { events: [event("d1")] } })).status).toBe(403);
    const res = await post(chatKey, { body: { events: [event("d2", { service: "rag" })] } });
    expect(res.status).toBe(403);
    expect(await t.db.event.count({ where: { serviceId: ragId } })).toBe(0);
  });

  it("413: more than 1,000 events, or more than 5 MiB", async () => {
    const many = Array.from({ length: 1001 }, (_, i) => ({ i }));
    expect((await post(chatKey, { body: { events: many } })).status).toBe(413);
    const huge = JSON.stringify({ events: [event("e1", { prompt: "x".repeat(5 * 1024 * 1024) })] });
    expect((await post(chatKey, { raw: huge })).status).toBe(413);
  });

  it("415: not JSON, or an encoding it does not speak", async () => {
    expect((await post(chatKey, { raw: "events", headers: { "content-type": "text/plain" } })).status).toBe(415);
    expect((await post(chatKey, { body: { events: [] }, headers: { "content-encoding": "br" } })).status).toBe(415);
  });

  it("gzip bodies are accepted; a gzip bomb is a 413", async () => {
    const res = await post(chatKey, { body: { events: [event("g1")] }, gzip: true });
    expect(res.body).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
    const bomb = await post(chatKey, { raw: JSON.stringify({ events: [event("g2", { prompt: " ".repeat(6 * 1024 * 1024) })] }), gzip: true });
    expect(bomb.status).toBe(413);
  });

  it("429 with Retry-After once a key exceeds its rate; nothing of it is stored", async () => {
    // Burst 1,000 events refilled at 10/s: 600 pass, the next 600 do not fit in what is left.
    const batch = Array.from({ length: 1200 }, (_, i) => event(`r${i}`));
    expect((await post(allKey, { body: { events: batch.slice(0, 600) } })).status).toBe(200);
    const limited = await post(allKey, { body: { events: batch.slice(600) } });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(await t.db.event.count({ where: { eventId: { startsWith: "r" } } })).toBe(600);
  });
});
