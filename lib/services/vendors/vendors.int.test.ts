import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProviderLine, VendorReport } from "@/lib/domain/vendors/build.ts";
import { AppError } from "@/lib/errors.ts";
import { createApiKeyAsSystem } from "@/lib/services/api-keys/create-api-key.ts";
import { ingestEvents } from "@/lib/services/ingest/ingest-events.ts";
import { drainPending } from "@/lib/services/rollups/fold-pending.ts";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-db.ts";
import { GET } from "@/app/api/vendors/route.ts";
import type { Role } from "@/lib/auth/permissions.ts";
import { getVendors } from "./get-vendors.ts";
import { listSlaTargets, removeSlaTarget, setSlaTarget } from "./sla-targets.ts";
import { createChatService } from "@/lib/testing/configured-service.ts";

// The vendor view over events that went through ingest, against hand-worked figures. Period: the three whole
// hours h0–h2 ending at the last full hour before now. Config of "chat": error.rate (w 50, good 0, bad 0.2) and
// latency.mean (w 50, good 100, bad 500), minSamples 5. Every event: 800 input + 200 output tokens.
//   provider a (model a-large): 10 events an hour at 200 ms, $0.001 each; hour h1 is an outage: its 10 events
//     take 5,000 ms and 2 fail. Period: 30 events, 2 errors (6.67 %), 30,000 tokens, $0.03 → $0.001 per 1k;
//     p95 5,000 ms (rank ⌊0.95·29⌋ = 27 of 30, 10 slow); latency mean (20·200 + 10·5,000)/30 = 1,800 → s 0;
//     error s = 1 − 0.0667/0.2 = 2/3 → score 100·(0.5·2/3) = 33.33; per dollar 33.33 / 0.001 = 33,333.
//     Target 4,000 ms / 5 %: h0 met, h1 missed (p95 and errors), h2 met → compliance 2/3.
//   provider b (model b-small): 10 events an hour at 100 ms, $0.004 each → $0.004 per 1k, score 100,
//     per dollar 25,000, compliance 1 → meets the SLA, rank 1; a misses it (2/3 < 0.99), rank 2, despite its
//     higher score per dollar.
//   provider c (model c-mini): 5 events in h2 at 100 ms, no target → rank 3 ("no-target").
//   Shares: a 30/65, b 30/65, c 5/65.

const CONFIG = `
service: chat
window: 1h
minSamples: 5
components:
  - { metric: error.rate, weight: 50, good: 0, bad: 0.2 }
  - { metric: latency.mean, weight: 50, good: 100, bad: 500 }
thresholds: { warning: 80, critical: 60 }
segments: [provider, model]
`;
const HOUR = 3_600_000;
const H0 = Math.floor(Date.now() / HOUR) * HOUR - 3 * HOUR;
const QUERY = { period: "custom", from: H0, to: H0 + 3 * HOUR, date: undefined } as const;
const PATH = `/api/vendors?period=custom&from=${new Date(H0).toISOString()}&to=${new Date(H0 + 3 * HOUR).toISOString()}`;

let t: TestDatabase;
let readKey: string;
let ingestKey: string;
const users: Partial<Record<Role, { id: string; email: string; name: string; role: Role }>> = {};
const ctx = (role: Role) => ({ user: users[role]!, now: new Date() });

beforeAll(async () => {
  t = await createTestDatabase();
  await createChatService(t.db, CONFIG);
  for (const role of ["admin", "viewer"] as const) {
    const row = await t.db.user.create({ data: { email: `${role}@x.test`, name: role, role, passwordHash: "x" } });
    users[role] = { id: row.id, email: row.email, name: row.name, role };
  }
  readKey = (await createApiKeyAsSystem({ name: "read", serviceId: null, scopes: ["read"], actorLabel: "test" })).key;
  ingestKey = (await createApiKeyAsSystem({ name: "ingest", serviceId: null, scopes: ["ingest"], actorLabel: "test" })).key;
  const events: object[] = [];
  const add = (provider: string, model: string, h: number, i: number, latency: number, status: string, cost: number) => events.push({
    event_id: `${provider}-${h}-${i}`, service: "chat", timestamp: new Date(H0 + h * HOUR + (i + 1) * 60_000).toISOString(),
    provider, model, latency_ms: latency, status, cost_usd: cost, input_tokens: 800, output_tokens: 200,
  });
  for (let h = 0; h < 3; h++) {
    for (let i = 0; i < 10; i++) {
      add("a", "a-large", h, i, h === 1 ? 5000 : 200, h === 1 && i < 2 ? "error" : "ok", 0.001);
      add("b", "b-small", h, i, 100, "ok", 0.004);
    }
  }
  for (let i = 0; i < 5; i++) add("c", "c-mini", 2, i, 100, "ok", 0.001);
  const result = await ingestEvents({ kind: "system", label: "test" }, events, new Date());
  expect(result.accepted).toBe(65);
  await drainPending();
});
afterAll(async () => {
  await t?.drop();
});

describe(`vendors (${process.env.VITALS_TEST_DB})`, () => {
  it("SLA targets: admins set, edit and remove them, audited; providers seen lately are listed without one", async () => {
    await expect(setSlaTarget(ctx("viewer"), { provider: "a", latencyP95Ms: "4000", maxErrorRatePercent: "5" })).rejects.toMatchObject({ status: 403 });
    await setSlaTarget(ctx("admin"), { provider: "a", latencyP95Ms: "9000", maxErrorRatePercent: "5" });
    await setSlaTarget(ctx("admin"), { provider: "a", latencyP95Ms: "4000", maxErrorRatePercent: "5" });
    await setSlaTarget(ctx("admin"), { provider: "b", latencyP95Ms: 4000, maxErrorRatePercent: 5 });
    await setSlaTarget(ctx("admin"), { provider: "gone", latencyP95Ms: 1000, maxErrorRatePercent: 1 });
    await removeSlaTarget(ctx("admin"), { provider: "gone" });
    await expect(removeSlaTarget(ctx("admin"), { provider: "gone" })).rejects.toMatchObject({ status: 404 });
    await expect(setSlaTarget(ctx("admin"), { provider: "a", latencyP95Ms: "0", maxErrorRatePercent: "5" })).rejects.toThrow(/above 0 ms/);

    const list = await listSlaTargets(ctx("admin"));
    expect(list.map((r) => [r.provider, r.latencyP95Ms, r.maxErrorRate, r.updatedBy, r.seenRecently])).toEqual([
      ["a", 4000, 0.05, "admin@x.test", true], ["b", 4000, 0.05, "admin@x.test", true], ["c", null, null, null, true],
    ]);
    const audit = await t.db.auditLog.findMany({ where: { targetType: "provider" }, orderBy: { id: "asc" } });
    expect(audit.map((a) => [a.action, a.targetId, a.before && JSON.parse(a.before), JSON.parse(a.after ?? "null")])).toEqual([
      ["vendor.sla.set", "a", null, { latencyP95Ms: 9000, maxErrorRate: 0.05 }],
      ["vendor.sla.set", "a", { latencyP95Ms: 9000, maxErrorRate: 0.05 }, { latencyP95Ms: 4000, maxErrorRate: 0.05 }],
      ["vendor.sla.set", "b", null, { latencyP95Ms: 4000, maxErrorRate: 0.05 }],
      ["vendor.sla.set", "gone", null, { latencyP95Ms: 1000, maxErrorRate: 0.01 }],
      ["vendor.sla.remove", "gone", { latencyP95Ms: 1000, maxErrorRate: 0.01 }, null],
    ]);
  });

  it("providers and models: the hand-worked figures and compliance", async () => {
    const started = performance.now();
    const report = await getVendors({ kind: "user", user: users.viewer! }, QUERY, new Date());
    console.log(`getVendors (3 h, 65 events): ${(performance.now() - started).toFixed(1)} ms`);
    // By requests, then name.
    expect(report.providers.map((p) => p.provider)).toEqual(["a", "b", "c"]);
    const [pa, pb, c] = report.providers as [ProviderLine, ProviderLine, ProviderLine];
    expect(pa).toMatchObject({ requests: 30, errors: 2, tokens: 30_000, services: 1, target: { latencyP95Ms: 4000, maxErrorRate: 0.05 } });
    expect(pa.errorRate).toBeCloseTo(2 / 30, 12);
    expect(pa.costPer1kTokens).toBeCloseTo(0.001, 12);
    expect(pa.share).toBeCloseTo(30 / 65, 12);
    expect(pa.p95LatencyMs! / 5000).toBeCloseTo(1, 1);
    expect(pa.score).toBeCloseTo(100 / 3, 9);
    expect(pa.compliance).toEqual({ compliantMs: 2 * HOUR, measuredMs: 3 * HOUR, share: 2 / 3, buckets: 3, missed: 1 });
    expect(pb.score).toBe(100);
    expect(pb.compliance?.share).toBe(1);
    expect(pb.costPer1kTokens).toBeCloseTo(0.004, 12);
    expect(c).toMatchObject({ provider: "c", requests: 5, target: null, compliance: null });

    const la = report.models.find((m) => m.model === "a-large")!;
    expect(la).toMatchObject({ provider: "a", requests: 30, compliance: { share: 2 / 3 } });
    expect(report.models.find((m) => m.model === "c-mini")).toMatchObject({ provider: "c", compliance: null });
  });

  it("the failover ranking: b meets the SLA, a misses it despite more score per dollar, c has no target", async () => {
    const report = await getVendors({ kind: "user", user: users.viewer! }, QUERY, new Date());
    expect(report.workloads).toHaveLength(1);
    const ranked = report.workloads[0]!.candidates;
    expect(ranked.map((r) => [r.rank, r.provider, r.eligibility])).toEqual([[1, "b", "meets-sla"], [2, "a", "misses-sla"], [3, "c", "no-target"]]);
    expect(ranked[0]!.scorePerDollar).toBeCloseTo(25_000, 6);
    expect(ranked[1]!.scorePerDollar).toBeCloseTo(100_000 / 3, 6);
    expect(ranked[1]!.compliance).toBeCloseTo(2 / 3, 12);
  });

  it("GET /api/vendors: a read key gets the same figures; bad parameters are a 400 naming them", async () => {
    const call = async (path: string, key: string | null) => {
      const res = await GET(new Request(`http://localhost${path}`, { headers: key ? { authorization: `Bearer ${key}` } : {} }));
      return { status: res.status, body: await res.json() };
    };
    const ok = await call(PATH, readKey);
    expect(ok.status).toBe(200);
    const body = ok.body as VendorReport;
    expect(body.workloads[0]!.candidates.map((r) => r.provider)).toEqual(["b", "a", "c"]);
    expect(body.providers.find((p) => p.provider === "a")!.compliance!.share).toBeCloseTo(2 / 3, 12);
    expect((await call(PATH, ingestKey)).status).toBe(403);
    const bad = await call("/api/vendors?period=custom&from=2026-01-01T00:00:00Z", readKey);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain("A custom period needs to");
    const future = await call(`/api/vendors?period=custom&from=${new Date(Date.now() + 2 * HOUR).toISOString()}&to=${new Date(Date.now() + 3 * HOUR).toISOString()}`, readKey);
    expect(future.status).toBe(400);
  });

  it("a user without reports.read is refused", async () => {
    await expect(getVendors({ kind: "user", user: { ...users.viewer!, role: "nobody" as Role } }, QUERY, new Date())).rejects.toBeInstanceOf(AppError);
  });
});
