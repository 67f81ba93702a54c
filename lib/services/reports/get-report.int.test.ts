import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeRollups } from "@/lib/db/rollups.ts";
import { csvFileName } from "@/lib/domain/reports/csv.ts";
import { ALL_TRAFFIC, emptyAggregate } from "@/lib/domain/rollup/index.ts";
import { createApiKeyAsSystem } from "@/lib/services/api-keys/create-api-key.ts";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-db.ts";
import { GET } from "@/app/api/reports/route.ts";
import { getReport } from "./get-report.ts";
import { forgetSnapshotDays, readSnapshotStats } from "./snapshot-days.ts";
import { aggregateSnapshotStats, readSnapshotStatsNaively } from "@/lib/db/report-snapshot-stats.ts";

// The report over hand-placed snapshots, alerts and rollups, on SQLite and PostgreSQL. Period: custom
// 2 Nov 00:00 – 4 Nov 00:00 UTC (2,880 min), compared with 31 Oct – 2 Nov. Minutes are from 2 Nov 00:00.
// chat (support, high): snapshots −10 healthy 90 · 30 warning 70 · 40 critical 40 · 100 healthy 100 ·
//   1440 critical 50 · 2885 healthy 99 (after the end). Cap 15 min:
//   healthy 0–5 (the −10 snapshot reaching in) + 100–115 = 20 min; warning 30–40 = 10; critical 40–55 +
//   1440–1455 = 30; no data 2,880 − 60 = 2,820. Score (90·5 + 70·10 + 40·15 + 100·15 + 50·15) / 60 = 66.67.
//   Previous period: only the −10 snapshot, 10 min healthy at 90.
//   Alerts: critical fired 40, acked 46, resolved 100 (MTTA 6, MTTR 60) · warning fired 31 Oct 01:00, resolved
//   at 10 (carried in) · critical fired 1440, open · a shadow and a cancelled one (ignored).
//   Traffic (hour rows): 1,000 req $2 at 0 h, 3,000 req $4 at 25 h; previous 500 req $1.
// rag (legal, low): one snapshot in the previous period (healthy 80 at its start, 15 min), 1,000 req $1 at 1 h.
// Portfolio: score 66.67 (rag has none), previous (90·500 + 80·0) / 500 = 90; 5,000 req, $7, $1.40 per 1k.

const NOW = new Date("2026-11-26T12:00:00Z");
const FROM = Date.parse("2026-11-02T00:00:00Z");
const TO = Date.parse("2026-11-04T00:00:00Z");
const MIN = 60_000;
const at = (m: number) => new Date(FROM + m * MIN);
const QUERY = { period: "custom", groupBy: "risk_tier", from: FROM, to: TO, format: "json" } as const;
const system = { kind: "system", label: "test" } as const;

let t: TestDatabase;
let chatId: string;
let ragId: string;
let chatKey: string;

async function traffic(serviceId: string, hourFrom: number, requests: number, cost: number) {
  const agg = { ...emptyAggregate(), count: requests, costCount: requests, costSum: cost };
  await t.db.$transaction((tx) => writeRollups(tx, serviceId, "hour", [{ key: { bucketStart: FROM + hourFrom * 60 * MIN, dimension: ALL_TRAFFIC, value: ALL_TRAFFIC }, agg }], { overwriteRejected: true }));
}

beforeAll(async () => {
  t = await createTestDatabase();
  chatId = (await t.db.service.create({ data: { slug: "chat", name: "Chat", businessUnit: "support", riskTier: "high" } })).id;
  ragId = (await t.db.service.create({ data: { slug: "rag", name: "RAG", businessUnit: "legal", riskTier: "low" } })).id;
  const snaps: [string, number, number | null, string][] = [
    [chatId, -10, 90, "healthy"], [chatId, 30, 70, "warning"], [chatId, 40, 40, "critical"], [chatId, 100, 100, "healthy"],
    [chatId, 1440, 50, "critical"], [chatId, 2885, 99, "healthy"], [ragId, -2880, 80, "healthy"],
  ];
  await t.db.scoreSnapshot.createMany({ data: snaps.map(([serviceId, m, score, status]) => ({ serviceId, at: at(m), score, status, coverage: 1 })) });
  const alert = (m: number, severity: string, state: string, extra: object) => ({
    serviceId: chatId, severity, state, alertKey: `chat:${severity}`, pendingSince: at(m - 5), ...extra,
  });
  await t.db.alert.createMany({ data: [
    alert(40, "critical", "resolved", { firingSince: at(40), acknowledgedAt: at(46), resolvedAt: at(100) }),
    alert(-2820, "warning", "resolved", { firingSince: at(-2820), resolvedAt: at(10) }),
    alert(1440, "critical", "firing", { firingSince: at(1440) }),
    alert(120, "critical", "resolved", { shadow: true, firingSince: at(120), resolvedAt: at(130) }),
    alert(200, "warning", "cancelled", { resolvedAt: at(202) }),
  ] });
  await traffic(chatId, 0, 1000, 2);
  await traffic(chatId, 25, 3000, 4);
  await traffic(chatId, -48, 500, 1);
  await traffic(ragId, 1, 1000, 1);
  chatKey = (await createApiKeyAsSystem({ name: "chat", serviceId: chatId, scopes: ["read"], actorLabel: "test" })).key;
});

afterAll(async () => {
  await t.drop();
});

describe("getReport", () => {
  it("the SQL aggregation, cold and from held days, agrees with folding every snapshot in Node", async () => {
    for (const [from, to] of [[FROM, TO], [FROM - 2880 * MIN, FROM], [FROM + 35 * MIN, FROM + 1445 * MIN], [FROM, TO]] as const) {
      const naive = await readSnapshotStatsNaively(t.db, [chatId, ragId], from, to);
      for (const fast of [await aggregateSnapshotStats(t.db, [chatId, ragId], from, to), await readSnapshotStats(t.db, [chatId, ragId], from, to)]) {
        for (const id of [chatId, ragId]) {
          const [a, b] = [fast.get(id)!, naive.get(id)!];
          expect(a.coveredMs).toEqual(b.coveredMs);
          expect(a.scoreMs).toBeCloseTo(b.scoreMs, 3);
          expect([...a.byDay.keys()].sort()).toEqual([...b.byDay.keys()].sort());
          for (const [day, d] of b.byDay) expect(a.byDay.get(day)!.scoreMs).toBeCloseTo(d.scoreMs, 3);
        }
      }
    }
  });

  it("a day is held only once the service has scored past it: a snapshot appended later still counts", async () => {
    const { id } = await t.db.service.create({ data: { slug: "idle", name: "Idle", businessUnit: "ops", riskTier: "medium" } });
    await t.db.scoreSnapshot.create({ data: { serviceId: id, at: at(-1440), score: 80, status: "healthy", coverage: 1 } });
    const before = await readSnapshotStats(t.db, [id], FROM - 1440 * MIN, FROM);
    expect(before.get(id)!.coveredMs.healthy).toBe(15 * MIN);
    // The evaluator appends after the latest snapshot: later that day, then the next.
    await t.db.scoreSnapshot.createMany({ data: [at(-60), at(10)].map((d) => ({ serviceId: id, at: d, score: 70, status: "warning", coverage: 1 })) });
    const after = await readSnapshotStats(t.db, [id], FROM - 1440 * MIN, FROM);
    expect([after.get(id)!.coveredMs.healthy, after.get(id)!.coveredMs.warning]).toEqual([15 * MIN, 15 * MIN]);
    await t.db.service.delete({ where: { id } });
  });

  it("settled days are stored once; after a restart the report reads them and answers the same", async () => {
    const { id } = await t.db.service.create({ data: { slug: "kept", name: "Kept", businessUnit: "ops", riskTier: "low" } });
    // Day D: healthy from 00:00 to 00:15 (one snapshot, capped at 15 min); the service scores on into day D+1.
    await t.db.scoreSnapshot.createMany({ data: [at(-1440), at(10)].map((d) => ({ serviceId: id, at: d, score: 90, status: "healthy", coverage: 1 })) });
    const first = await readSnapshotStats(t.db, [id], FROM - 1440 * MIN, FROM + 1440 * MIN);
    const stored = await t.db.snapshotDay.findMany({ where: { serviceId: id } });
    // Only day D is settled (a snapshot at or after its end exists); day D+1 is still open: not stored.
    expect(stored.map((r) => [r.day.getTime(), r.healthyMs, r.scoreMs / r.scoredMs])).toEqual([[FROM - 1440 * MIN, 15 * MIN, 90]]);
    forgetSnapshotDays(); // a restart: nothing held in memory
    const again = await readSnapshotStats(t.db, [id], FROM - 1440 * MIN, FROM + 1440 * MIN);
    expect(again.get(id)!.coveredMs).toEqual(first.get(id)!.coveredMs);
    expect(again.get(id)!.scoreMs).toBeCloseTo(first.get(id)!.scoreMs, 6);
    // Storing the same day twice (two processes) is harmless.
    await readSnapshotStats(t.db, [id], FROM - 1440 * MIN, FROM);
    expect(await t.db.snapshotDay.count({ where: { serviceId: id } })).toBe(1);
    await t.db.service.delete({ where: { id } });
  });

  it("service figures, worked by hand", async () => {
    const report = await getReport(system, QUERY, NOW);
    const chat = report.groups.flatMap((g) => g.services).find((s) => s.slug === "chat")!;
    expect(chat.figures.statusMs).toEqual({ healthy: 20 * MIN, warning: 10 * MIN, critical: 30 * MIN, no_data: 2820 * MIN });
    expect(chat.figures.score).toBeCloseTo(4000 / 60, 9);
    expect(chat.figures.episodes).toEqual({ warning: 0, critical: 2 });
    expect([chat.figures.openAtEnd, chat.figures.carriedIn, chat.figures.mttaMs, chat.figures.mttrMs]).toEqual([1, 1, 6 * MIN, 60 * MIN]);
    expect([chat.figures.requests, chat.figures.costUsd]).toEqual([4000, 6]);
    // The carried-in warning belongs to the previous period, where it was still open at that period's end.
    expect(chat.previous.episodes).toEqual({ warning: 1, critical: 0 });
    expect([chat.previous.openAtEnd, chat.previous.mttrMs, chat.previous.score]).toEqual([1, null, 90]);
  });

  it("groups, portfolio, change and daily points", async () => {
    const report = await getReport(system, QUERY, NOW);
    expect(report.groups.map((g) => [g.label, g.services.map((s) => s.slug)])).toEqual([["high risk", ["chat"]], ["low risk", ["rag"]]]);
    const p = report.portfolio;
    expect(p.figures.score).toBeCloseTo(66.6667, 3);
    expect(p.previous.score).toBe(90);
    expect(p.change.score).toBeCloseTo(66.6667 - 90, 3);
    expect([p.figures.requests, p.figures.costUsd, p.figures.costPer1kRequests]).toEqual([5000, 7, 1.4]);
    expect(p.figures.lowestService).toBe("chat");
    expect(report.daily.map((d) => [d.day.slice(0, 10), d.score === null ? null : Number(d.score.toFixed(3))])).toEqual([
      ["2026-11-02", Number((3250 / 45).toFixed(3))], ["2026-11-03", 50],
    ]);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report); // a snapshot can store it as is
  });
});

describe("GET /api/reports", () => {
  const get = (query: string) => GET(new Request(`http://localhost/api/reports?${query}`, { headers: { authorization: `Bearer ${chatKey}` } }));
  const range = `period=custom&from=${new Date(FROM).toISOString()}&to=${new Date(TO).toISOString()}`;

  it("answers a key scoped to one service with that service only", async () => {
    const res = await get(`${range}&groupBy=business_unit`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.groups.flatMap((g: { services: { slug: string }[] }) => g.services.map((s) => s.slug))).toEqual(["chat"]);
  });

  it("exports CSV with a file name", async () => {
    const res = await get(`${range}&groupBy=risk_tier&format=csv`);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toContain(csvFileName({ period: { kind: "custom", from: new Date(FROM).toISOString() } as never, groupBy: "risk_tier" }));
    const lines = (await res.text()).trimEnd().split("\r\n");
    expect(lines.map((l) => l.split(",")[0])).toEqual(["level", "service", "group", "portfolio"]);
  });

  it.each([
    ["period=year", "period"],
    ["period=custom&from=2026-11-02T00:00:00Z", "to"],
    ["period=month&date=2999-01-01", null],
    ["groupBy=team", "groupBy"],
  ])("refuses %s with a 400 naming the parameter", async (query, path) => {
    const res = await get(query);
    expect(res.status).toBe(400);
    const body = await res.json();
    if (path) expect(body.error.issues.map((i: { path: string }) => i.path)).toContain(path);
    else expect(body.error.message).toMatch(/not in the past yet/);
  });
});
