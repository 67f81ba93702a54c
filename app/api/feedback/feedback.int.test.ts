import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKeyAsSystem } from "@/lib/services/api-keys/create-api-key.ts";
import { drainPending } from "@/lib/services/rollups/fold-pending.ts";
import { jsonRequest } from "@/lib/testing/route.ts";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-db.ts";
import { POST as ingest } from "../ingest/route.ts";
import { POST } from "./route.ts";

let t: TestDatabase;
let key: string;
let otherKey: string;
let serviceId: string;
const timestamp = new Date(Date.now() - 5 * 60_000).toISOString();

async function call(handler: (req: Request) => Promise<Response>, url: string, body: unknown, withKey = key) {
  const res = await handler(jsonRequest(url, { body, headers: { authorization: `Bearer ${withKey}` } }));
  return { status: res.status, body: await res.json() };
}

/** The all-traffic row and the provider row the event was folded into. */
async function rows() {
  const found = await t.db.rollup.findMany({ where: { serviceId, dimension: { in: ["*", "provider"] } }, orderBy: { dimension: "asc" } });
  return found.map((r) => ({ dimension: r.dimension, feedback: JSON.parse(r.feedback), outcomes: JSON.parse(r.outcomes), missing: JSON.parse(r.missing) }));
}

beforeAll(async () => {
  t = await createTestDatabase();
  const service = await t.db.service.create({ data: { slug: "chat", name: "Chat", businessUnit: "bu", riskTier: "low" } });
  const other = await t.db.service.create({ data: { slug: "rag", name: "RAG", businessUnit: "bu", riskTier: "low" } });
  serviceId = service.id;
  key = (await createApiKeyAsSystem({ name: "k", serviceId, scopes: ["ingest"], actorLabel: "test" })).key;
  otherKey = (await createApiKeyAsSystem({ name: "o", serviceId: other.id, scopes: ["ingest"], actorLabel: "test" })).key;
  const events = [
    { event_id: "f1", service: "chat", timestamp, provider: "openai", latency_ms: 10, evals: { relevance: 0.8 } },
    { event_id: "f2", service: "chat", timestamp, provider: "openai", latency_ms: 12, evals: { relevance: 0.6 } },
  ];
  expect((await call(ingest, "/api/ingest", { events })).status).toBe(200);
  await drainPending(); // as the server's fold loop does
});
afterAll(async () => {
  await t?.drop();
});

describe(`POST /api/feedback (${process.env.VITALS_TEST_DB})`, () => {
  it("joins the event, updates it and its rollups once", async () => {
    const before = await rows();
    expect(before.every((r) => r.missing.feedback === 2)).toBe(true);

    const first = await call(POST, "/api/feedback", { event_id: "f1", service: "chat", feedback: { csat: 2 }, outcomes: { ticket_resolved: true } });
    expect(first).toEqual({ status: 200, body: { updated: true } });
    const again = await call(POST, "/api/feedback", { event_id: "f1", service: "chat", feedback: { csat: 2 }, outcomes: { ticket_resolved: true } });
    expect(again).toEqual({ status: 200, body: { updated: false } });

    const event = await t.db.event.findUniqueOrThrow({ where: { serviceId_eventId: { serviceId, eventId: "f1" } } });
    expect(JSON.parse(event.feedback)).toEqual({ csat: 2 });
    expect(JSON.parse(event.outcomes)).toEqual({ ticket_resolved: true });
    for (const row of await rows()) {
      expect(row.feedback).toEqual({ csat: [2, 1] });
      expect(row.outcomes).toEqual({ ticket_resolved: [1, 1] });
      expect(row.missing.feedback).toBe(1);
    }
  });

  it("a corrected rating replaces the old one in the rollups", async () => {
    await call(POST, "/api/feedback", { event_id: "f1", service: "chat", feedback: { csat: 5 } });
    await call(POST, "/api/feedback", { event_id: "f2", service: "chat", feedback: { csat: 4 } });
    // csat: 5 (f1, corrected from 2) + 4 (f2) = 9 over 2 ratings.
    for (const row of await rows()) expect(row.feedback).toEqual({ csat: [9, 2] });
  });

  it("404 for an event it never stored; 403 for another service's key; 400 for bad input", async () => {
    const missing = await call(POST, "/api/feedback", { event_id: "nope", service: "chat", feedback: { csat: 1 } });
    expect(missing.status).toBe(404);
    const forbidden = await call(POST, "/api/feedback", { event_id: "f1", service: "chat", feedback: { csat: 1 } }, otherKey);
    expect(forbidden.status).toBe(403);
    const bad = await call(POST, "/api/feedback", { event_id: "f1", service: "chat", outcomes: { ticket_resolved: "yes" } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues).toContainEqual({ path: "outcomes.ticket_resolved", message: "Expected true or false." });
    const empty = await call(POST, "/api/feedback", { event_id: "f1", service: "chat" });
    expect(empty.body.error.issues[0].message).toBe("Send at least one of feedback, outcomes or evals.");
  });

  it("concurrent feedback for one event is folded exactly once per change", async () => {
    const sends = Array.from({ length: 6 }, () => call(POST, "/api/feedback", { event_id: "f2", service: "chat", outcomes: { escalated: true } }));
    const results = await Promise.all(sends);
    expect(results.filter((r) => r.body.updated === true)).toHaveLength(1);
    for (const row of await rows()) expect(row.outcomes.escalated).toEqual([1, 1]);
  });

  it("feedback for an event not folded yet lands in the event, and its fold counts it once", async () => {
    const before = await rows();
    const event = { event_id: "f3", service: "chat", timestamp, provider: "openai", latency_ms: 11 };
    expect((await call(ingest, "/api/ingest", { events: [event] })).status).toBe(200);
    expect(await call(POST, "/api/feedback", { event_id: "f3", service: "chat", feedback: { csat: 3 } })).toEqual({ status: 200, body: { updated: true } });
    expect(await rows()).toEqual(before);
    await drainPending();
    const after = await rows();
    after.forEach((row, i) => {
      expect(row.feedback).toEqual({ csat: [12, 3] });
      expect(row.missing.feedback ?? 0).toBe(before[i]!.missing.feedback ?? 0); // it had feedback when folded
    });
  });
});
