import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKeyAsSystem } from "@/lib/services/api-keys/create-api-key.ts";
import { ingestEvents } from "@/lib/services/ingest/ingest-events.ts";
import { drainPending } from "@/lib/services/rollups/fold-pending.ts";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-db.ts";
import { GET as health } from "@/app/api/services/[slug]/health/route.ts";
import { GET as timeseries } from "@/app/api/services/[slug]/timeseries/route.ts";
import { GET as segments } from "@/app/api/services/[slug]/segments/route.ts";
import { GET as portfolio } from "@/app/api/portfolio/route.ts";
import { createChatService } from "@/lib/testing/configured-service.ts";

// The read APIs (issue 4) over events that went through ingest, against hand-worked scores.
//
// Config of "chat": error.rate (w 50, good 0, bad 0.2) and latency.mean (w 50, good 100, bad 500), minSamples 10.
// Events (60, one every 50 s in the 50 minutes before T):
//   provider a: 30 events, latency 200 ms, 6 errors  → error.rate 0.2 → s = 0;  latency s = (200−500)/(100−500) = 0.75
//               S_a = 100·(0.5·0 + 0.5·0.75) = 37.5 → critical (< 60)
//   provider b: 30 events, latency 100 ms, no errors → s = 1, 1 → S_b = 100 → healthy
//   all:        error.rate 6/60 = 0.1 → s = 0.5; latency mean 150 → s = (150−500)/(−400) = 0.875
//               S = 100·(0.5·0.5 + 0.5·0.875) = 68.75 → warning; points lost 25 and 6.25 (sum 31.25 = 100 − S)
//   impact:     a (100 − 37.5)·0.5 = 31.25, b 0 → a first

const CONFIG = `
service: chat
window: 1h
minSamples: 10
components:
  - { metric: error.rate, weight: 50, good: 0, bad: 0.2 }
  - { metric: latency.mean, weight: 50, good: 100, bad: 500 }
thresholds: { warning: 80, critical: 60 }
segments: [provider]
`;

let t: TestDatabase;
let allKey: string;
let chatKey: string;
let ingestOnlyKey: string;
const T = Math.floor(Date.now() / 60_000) * 60_000 - 5 * 60_000;
const atT = new Date(T).toISOString();

type Handler = (req: Request, ctx: { params: Promise<{ slug: string }> }) => Promise<Response>;
async function call(handler: Handler, path: string, key: string | null, slug = "chat") {
  const req = new Request(`http://localhost${path}`, { headers: key ? { authorization: `Bearer ${key}` } : {} });
  const res = await handler(req, { params: Promise.resolve({ slug }) });
  return { status: res.status, body: await res.json() };
}

beforeAll(async () => {
  t = await createTestDatabase();
  const chat = await createChatService(t.db, CONFIG);
  await t.db.service.create({ data: { slug: "rag", name: "RAG", businessUnit: "legal", riskTier: "low" } });
  allKey = (await createApiKeyAsSystem({ name: "all", serviceId: null, scopes: ["read"], actorLabel: "test" })).key;
  chatKey = (await createApiKeyAsSystem({ name: "chat", serviceId: chat.id, scopes: ["read"], actorLabel: "test" })).key;
  ingestOnlyKey = (await createApiKeyAsSystem({ name: "ingest", serviceId: null, scopes: ["ingest"], actorLabel: "test" })).key;
  const events = Array.from({ length: 60 }, (_, i) => {
    const a = i % 2 === 0;
    return {
      event_id: `e${i}`, service: "chat", timestamp: new Date(T - (i + 1) * 50_000).toISOString(),
      provider: a ? "a" : "b", latency_ms: a ? 200 : 100, status: a && i % 10 === 0 ? "error" : "ok",
    };
  });
  expect(events.filter((e) => e.status === "error")).toHaveLength(6);
  const result = await ingestEvents({ kind: "system", label: "test" }, events, new Date());
  expect(result.accepted).toBe(60);
  await drainPending(); // as the server's fold loop does
});
afterAll(async () => {
  await t?.drop();
});

describe(`read APIs (${process.env.VITALS_TEST_DB})`, () => {
  it("health: the hand-worked score, its components and points lost", async () => {
    const { status, body } = await call(health, `/api/services/chat/health?at=${atT}`, chatKey);
    expect(status).toBe(200);
    expect(body).toMatchObject({ service: "chat", window: "1h", at: atT, segment: null, status: "warning", coverage: 1, events: 60, configVersion: 1, floorsApplied: [] });
    expect(body.score).toBeCloseTo(68.75, 9);
    const [errors, latency] = body.components;
    expect(errors).toMatchObject({ metric: "error.rate", samples: 60, good: 0, bad: 0.2, weight: 50 });
    expect(errors.value).toBeCloseTo(0.1, 12);
    expect(errors.normalized).toBeCloseTo(0.5, 12);
    expect(errors.pointsLost).toBeCloseTo(25, 9);
    expect(latency.value).toBeCloseTo(150, 9);
    expect(latency.pointsLost).toBeCloseTo(6.25, 9);
  });

  it("health of one segment value, and of a window too short to have enough samples", async () => {
    const a = await call(health, `/api/services/chat/health?at=${atT}&segment=provider:a`, allKey);
    expect(a.body).toMatchObject({ segment: { dimension: "provider", value: "a" }, status: "critical", events: 30 });
    expect(a.body.score).toBeCloseTo(37.5, 9);
    // [T − 1m, T) holds one event (at T − 50 s): below minSamples for both components → coverage 0, no_data.
    const short = await call(health, `/api/services/chat/health?at=${atT}&window=1m`, allKey);
    expect(short.body).toMatchObject({ window: "1m", score: null, status: "no_data", coverage: 0, events: 1 });
  });

  it("segments: ranked by impact = (100 − S) × share", async () => {
    const { status, body } = await call(segments, `/api/services/chat/segments?at=${atT}`, allKey);
    expect(status).toBe(200);
    expect(body.dimensions).toEqual(["provider"]);
    expect(body.overall.score).toBeCloseTo(68.75, 9);
    expect(body.segments.map((s: { value: string }) => s.value)).toEqual(["a", "b"]);
    expect(body.segments[0].impact).toBeCloseTo(31.25, 9);
    expect(body.segments[0].share).toBeCloseTo(0.5, 12);
    expect(body.segments[1]).toMatchObject({ impact: 0, count: 30, health: { score: 100, status: "healthy" } });
  });

  it("timeseries: one point per step, each the health of the window ending there", async () => {
    const from = new Date(T - 3 * 3_600_000).toISOString();
    const { status, body } = await call(timeseries, `/api/services/chat/timeseries?from=${from}&to=${atT}&step=1h`, allKey);
    expect(status).toBe(200);
    expect(body).toMatchObject({ step: "1h", window: "1h", configVersion: 1 });
    expect(body.points.map((p: { at: string }) => p.at)).toEqual([T - 2 * 3_600_000, T - 3_600_000, T].map((ms) => new Date(ms).toISOString()));
    expect(body.points.map((p: { status: string }) => p.status)).toEqual(["no_data", "no_data", "warning"]);
    expect(body.points[2].score).toBeCloseTo(68.75, 9);
    expect(body.points[2].events).toBe(60);
  });

  it("timeseries of one segment: provider a's hand-worked 37.5, provider b's 100", async () => {
    const from = new Date(T - 3_600_000).toISOString();
    const a = await call(timeseries, `/api/services/chat/timeseries?from=${from}&to=${atT}&step=1h&segment=provider:a`, allKey);
    expect(a.status).toBe(200);
    expect(a.body.segment).toEqual({ dimension: "provider", value: "a" });
    expect(a.body.points).toHaveLength(1);
    expect(a.body.points[0]).toMatchObject({ status: "critical", events: 30 });
    expect(a.body.points[0].score).toBeCloseTo(37.5, 9);
    const b = await call(timeseries, `/api/services/chat/timeseries?from=${from}&to=${atT}&step=1h&segment=provider:b`, allKey);
    expect(b.body.points[0].score).toBeCloseTo(100, 9);
    const bad = await call(timeseries, `/api/services/chat/timeseries?segment=provider`, allKey);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain("Expected <dimension>:<value>");
  });

  it("portfolio: every service the key may read; the unconfigured one scored by the default config", async () => {
    const all = await call(portfolio as Handler, `/api/portfolio?at=${atT}`, allKey);
    expect(all.status).toBe(200);
    expect(all.body.services.map((s: { slug: string }) => s.slug)).toEqual(["chat", "rag"]);
    expect(all.body.services[0]).toMatchObject({ status: "warning", events: 60, configVersion: 1, businessUnit: "support", riskTier: "high" });
    // What drags chat down: error.rate loses 25 points, latency.mean 6.25 (see the top of this file).
    expect(all.body.services[0].topComponent.metric).toBe("error.rate");
    expect(all.body.services[0].topComponent.pointsLost).toBeCloseTo(25, 9);
    expect(all.body.services[1]).toMatchObject({ slug: "rag", status: "no_data", events: 0, configVersion: null, topComponent: null });
    const one = await call(portfolio as Handler, `/api/portfolio?at=${atT}`, chatKey);
    expect(one.body.services.map((s: { slug: string }) => s.slug)).toEqual(["chat"]);
  });

  it("401 for a bad key, 403 without the read scope or for another service's key, 404 for an unknown service", async () => {
    expect((await call(health, "/api/services/chat/health", "lvk_nope")).status).toBe(401);
    expect((await call(health, "/api/services/chat/health", ingestOnlyKey)).status).toBe(403);
    expect((await call(health, "/api/services/rag/health", chatKey, "rag")).status).toBe(403);
    const missing = await call(health, "/api/services/nope/health", allKey, "nope");
    expect(missing).toMatchObject({ status: 404, body: { error: { code: "NOT_FOUND" } } });
  });

  it("400 names the bad parameter and what it expects", async () => {
    const bad = await call(health, "/api/services/chat/health?window=90x&segment=provider", allKey);
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues.map((i: { path: string }) => i.path).sort()).toEqual(["segment", "window"]);
    expect(bad.body.error.issues.find((i: { path: string }) => i.path === "window").message).toMatch(/"5m", "1h" or "30d"/);
    const unknown = await call(health, "/api/services/chat/health?windw=1h", allKey);
    expect(unknown.status).toBe(400);
    const many = await call(timeseries, `/api/services/chat/timeseries?from=2026-01-01T00:00:00Z&to=2026-03-01T00:00:00Z&step=1m`, allKey);
    expect(many).toMatchObject({ status: 400, body: { error: { message: expect.stringMatching(/at most 1000/) } } });
  });
});
