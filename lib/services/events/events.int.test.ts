import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Principal } from "@/lib/auth/principal.ts";
import type { EventSummary } from "@/lib/db/event-queries.ts";
import { EventsQuery } from "@/lib/schemas/events-query.ts";
import { createApiKeyAsSystem } from "@/lib/services/api-keys/create-api-key.ts";
import { ingestEvents } from "@/lib/services/ingest/ingest-events.ts";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-db.ts";
import { GET as listRoute } from "@/app/api/services/[slug]/events/route.ts";
import { GET as detailRoute } from "@/app/api/services/[slug]/events/[eventId]/route.ts";
import { getEvent } from "./get-event.ts";
import { listEvents } from "./list-events.ts";
import { listRecentProviders } from "./list-recent-providers.ts";

// The event explorer's reads (issue 5) over events that went through ingest. 40 events of "chat", one a minute
// before T: event i has provider a (even i) or b (odd), latency 100 + 10·i ms, status error when i % 8 = 0,
// region eu when i % 4 = 0 (else us), eval relevance (i % 10) / 10, hallucination true when i % 5 = 0,
// thumbs_up 0 when i % 6 = 0 (1 when i % 6 = 3), csat 2 when i = 7, and a prompt.

let t: TestDatabase;
let readKey: string;
const T = Math.floor(Date.now() / 60_000) * 60_000 - 60_000;
const now = new Date(T + 60_000);
const user = (role: "viewer" | "engineer"): Principal => ({ kind: "user", user: { id: `u-${role}`, email: `${role}@x`, name: role, role } });
const engineer = user("engineer");
const q = (input: Record<string, string>) => EventsQuery.parse({ from: new Date(T - 3_600_000).toISOString(), to: new Date(T).toISOString(), ...input });
const ids = (events: EventSummary[]) => events.map((e) => e.eventId);
const n = (id: string) => Number(id.slice(1));

beforeAll(async () => {
  t = await createTestDatabase();
  await t.db.service.create({ data: { slug: "chat", name: "Chat", businessUnit: "support", riskTier: "high" } });
  await t.db.service.create({ data: { slug: "private", name: "Private", businessUnit: "finance", riskTier: "high", storePrompts: false } });
  readKey = (await createApiKeyAsSystem({ name: "read", serviceId: null, scopes: ["read"], actorLabel: "test" })).key;
  const events = Array.from({ length: 40 }, (_, i) => ({
    event_id: `e${String(i).padStart(2, "0")}`, service: "chat", timestamp: new Date(T - i * 60_000).toISOString(),
    provider: i % 2 === 0 ? "a" : "b", model: "m", latency_ms: 100 + 10 * i, status: i % 8 === 0 ? "error" : "ok",
    segments: { region: i % 4 === 0 ? "eu" : "us" },
    evals: { relevance: (i % 10) / 10, hallucination: i % 5 === 0 },
    feedback: { ...(i % 6 === 0 ? { thumbs_up: 0 } : i % 6 === 3 ? { thumbs_up: 1 } : {}), ...(i === 7 ? { csat: 2 } : {}) },
    prompt: `question ${i}`, response: `answer ${i}`,
  }));
  const privateEvent = { event_id: "p0", service: "private", timestamp: new Date(T).toISOString(), provider: "c", latency_ms: 5, status: "ok", prompt: "secret" };
  const result = await ingestEvents({ kind: "system", label: "test" }, [...events, privateEvent], now);
  expect(result.accepted).toBe(41);
});
afterAll(async () => {
  await t?.drop();
});

describe(`event explorer (${process.env.VITALS_TEST_DB})`, () => {
  it("all: newest first, and the cursor pages through every event exactly once", async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listEvents(engineer, "chat", q({ limit: "15", ...(cursor ? { cursor } : {}) }), now);
      seen.push(...ids(page.events));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    // (T − 1 h, T]: events 0…39 all fall inside.
    expect(seen).toEqual(Array.from({ length: 40 }, (_, i) => `e${String(i).padStart(2, "0")}`));
  });

  it("slowest: highest latency first, across pages", async () => {
    const first = await listEvents(engineer, "chat", q({ filter: "slowest", limit: "3" }), now);
    expect(first.events.map((e) => e.latencyMs)).toEqual([490, 480, 470]);
    const second = await listEvents(engineer, "chat", q({ filter: "slowest", limit: "3", cursor: first.nextCursor! }), now);
    expect(second.events.map((e) => e.latencyMs)).toEqual([460, 450, 440]);
  });

  it("errors, negative feedback and segments narrow the events", async () => {
    const errors = await listEvents(engineer, "chat", q({ filter: "errors" }), now);
    expect(ids(errors.events).map(n)).toEqual([0, 8, 16, 24, 32]);
    const negative = await listEvents(engineer, "chat", q({ filter: "negative_feedback" }), now);
    expect(ids(negative.events).map(n)).toEqual([0, 6, 7, 12, 18, 24, 30, 36]);
    const providerB = await listEvents(engineer, "chat", q({ segment: "provider:b", filter: "slowest", limit: "2" }), now);
    expect(providerB.events.map((e) => [e.provider, e.latencyMs])).toEqual([["b", 490], ["b", 470]]);
    const eu = await listEvents(engineer, "chat", q({ segment: "region:eu" }), now);
    expect(ids(eu.events).map(n)).toEqual([0, 4, 8, 12, 16, 20, 24, 28, 32, 36]);
  });

  it("lowest eval: the lowest value first (booleans as 0/1), paged by cursor", async () => {
    const first = await listEvents(engineer, "chat", q({ filter: "lowest_eval", eval: "relevance", limit: "5" }), now);
    expect(first.eval).toBe("relevance");
    expect(ids(first.events).map(n)).toEqual([0, 10, 20, 30, 1]);
    const second = await listEvents(engineer, "chat", q({ filter: "lowest_eval", eval: "relevance", limit: "5", cursor: first.nextCursor! }), now);
    expect(ids(second.events).map(n)).toEqual([11, 21, 31, 2, 12]);
    const halluc = await listEvents(engineer, "chat", q({ filter: "lowest_eval", eval: "hallucination", limit: "1" }), now);
    expect(halluc.events[0]!.evals.hallucination).toBe(false);
    expect(first.scan).toEqual({ scanned: 40, truncated: false });
  });

  it("a viewer may not read events; an engineer reads prompts; a key reads events but never prompts", async () => {
    await expect(listEvents(user("viewer"), "chat", q({}), now)).rejects.toMatchObject({ status: 403 });
    await expect(getEvent(user("viewer"), "chat", "e01")).rejects.toMatchObject({ status: 403 });
    const seen = await getEvent(engineer, "chat", "e01");
    expect(seen).toMatchObject({ promptsWithheld: null, event: { prompt: "question 1", response: "answer 1", provider: "b" } });
    const privateView = await getEvent(engineer, "private", "p0");
    expect(privateView).toMatchObject({ promptsWithheld: "not-stored", event: { prompt: null } });

    const params = { params: Promise.resolve({ slug: "chat", eventId: "e01" }) };
    const auth = { headers: { authorization: `Bearer ${readKey}` } };
    const list = await listRoute(new Request("http://x/api/services/chat/events?filter=errors&limit=2", auth), params);
    expect(list.status).toBe(200);
    expect((await list.json()).events).toHaveLength(2);
    const detail = await detailRoute(new Request("http://x/api/services/chat/events/e01", auth), params);
    expect(await detail.json()).toMatchObject({ promptsWithheld: "not-allowed", event: { prompt: null, response: null } });
  });

  it("bad input is a 400 that names the parameter; an unknown event a 404", async () => {
    const auth = { headers: { authorization: `Bearer ${readKey}` } };
    const params = { params: Promise.resolve({ slug: "chat", eventId: "nope" }) };
    const bad = await listRoute(new Request("http://x/api/services/chat/events?filter=worst", auth), params);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain("filter");
    const badCursor = await listRoute(new Request("http://x/api/services/chat/events?cursor=abc", auth), params);
    expect(badCursor.status).toBe(400);
    expect((await detailRoute(new Request("http://x/api/services/chat/events/nope", auth), params)).status).toBe(404);
  });

  it("recent providers per readable service", async () => {
    expect(await listRecentProviders(engineer, now)).toEqual({ chat: ["a", "b"], private: ["c"] });
  });
});
