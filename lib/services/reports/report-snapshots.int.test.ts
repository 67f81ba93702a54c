import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ZodError } from "zod";
import { writeRollups } from "@/lib/db/rollups.ts";
import type { SessionUser } from "@/lib/db/users.ts";
import { ALL_TRAFFIC, emptyAggregate } from "@/lib/domain/rollup/index.ts";
import { parseWeeklySchedule } from "@/lib/domain/reports/weekly-schedule.ts";
import { reportCsv } from "@/lib/domain/reports/csv.ts";
import { createApiKeyAsSystem } from "@/lib/services/api-keys/create-api-key.ts";
import { GET as getOne } from "@/app/api/reports/snapshots/[id]/route.ts";
import { GET as getList } from "@/app/api/reports/snapshots/route.ts";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-db.ts";
import { getReport } from "./get-report.ts";
import { getSnapshot } from "./get-snapshot.ts";
import { listSnapshots } from "./list-snapshots.ts";
import { saveSnapshot } from "./save-snapshot.ts";
import { takeWeeklySnapshot, WEEKLY_ACTOR } from "./weekly-snapshot.ts";

// Snapshots on SQLite and PostgreSQL: a saved report is stored as computed and read back unchanged after more
// traffic arrives; the weekly job stores each week once however often (and however concurrently) it runs.
// Week of Mon 16 Nov 2026; "now" is Wed 25 Nov, so with "MON 00:00" the due week is 16–23 Nov.

// No session in these tests: the routes see a signed-out browser (the PDF needs one; keys are judged alone).
vi.mock("@/lib/auth/auth.ts", () => ({ auth: async () => null }));

const NOW = new Date("2026-11-25T12:00:00Z");
const WEEK = Date.parse("2026-11-16T00:00:00Z");
const HOUR = 3_600_000;
const QUERY = { period: "week", groupBy: "risk_tier", date: "2026-11-17" };

let t: TestDatabase;
let chatId: string;
let admin: SessionUser;
let viewer: SessionUser;

async function traffic(hour: number, requests: number) {
  const agg = { ...emptyAggregate(), count: requests, costCount: requests, costSum: requests / 1000 };
  await t.db.$transaction((tx) => writeRollups(tx, chatId, "hour", [{ key: { bucketStart: WEEK + hour * HOUR, dimension: ALL_TRAFFIC, value: ALL_TRAFFIC }, agg }], { overwriteRejected: true }));
}

async function user(role: SessionUser["role"]): Promise<SessionUser> {
  const row = await t.db.user.create({ data: { email: `${role}@snap.test`, name: role, role, passwordHash: "x" } });
  return { id: row.id, email: row.email, name: row.name, role };
}

beforeAll(async () => {
  t = await createTestDatabase();
  chatId = (await t.db.service.create({ data: { slug: "chat", name: "Chat", businessUnit: "support", riskTier: "high" } })).id;
  admin = await user("admin");
  viewer = await user("viewer");
  await traffic(1, 1000);
});

afterAll(async () => {
  await t.drop();
});

describe("manual snapshots", () => {
  it("stores the report as computed, audits it, and reads it back unchanged after more traffic", async () => {
    const saved = await saveSnapshot({ user: admin, now: NOW }, { ...QUERY, title: "  Board pack  " });
    expect(saved).toMatchObject({ kind: "manual", title: "Board pack", createdByLabel: "admin@snap.test", period: "week", periodFrom: "2026-11-16T00:00:00.000Z", groupBy: "risk_tier" });
    const first = await getSnapshot({ kind: "user", user: viewer }, saved.id);
    expect(first.report.portfolio.figures.requests).toBe(1000);

    await traffic(30, 500);
    const live = await getReport({ kind: "user", user: admin }, { period: "week", groupBy: "risk_tier", date: WEEK, format: "json" }, NOW);
    expect(live.portfolio.figures.requests).toBe(1500);
    const again = await getSnapshot({ kind: "api-key", keyId: "k", serviceId: chatId, scopes: ["read"], label: "lvk_test" }, saved.id);
    expect(again.report).toEqual(first.report);
    expect(again.report.portfolio.figures.requests).toBe(1000);

    const audit = await t.db.auditLog.findMany({ where: { action: "report.snapshot", targetId: saved.id } });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actorId).toBe(admin.id);
  });

  it("refuses non-admins (403) and bad input with the field's path", async () => {
    await expect(saveSnapshot({ user: viewer, now: NOW }, QUERY)).rejects.toMatchObject({ status: 403 });
    const bad = await saveSnapshot({ user: admin, now: NOW }, { ...QUERY, title: "" }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(ZodError);
    expect((bad as ZodError).issues[0]!.path).toEqual(["title"]);
    const badPeriod = await saveSnapshot({ user: admin, now: NOW }, { period: "decade" }).catch((e: unknown) => e);
    expect((badPeriod as ZodError).issues.map((i) => i.path[0])).toContain("period");
    await expect(saveSnapshot({ user: admin, now: NOW }, [1])).rejects.toMatchObject({ status: 400 });
    await expect(getSnapshot({ kind: "user", user: viewer }, "nosuchsnapshot1")).rejects.toMatchObject({ status: 404 });
    await expect(getSnapshot({ kind: "user", user: viewer }, "../etc")).rejects.toMatchObject({ status: 404 });
  });

  it("lists newest first, a page at a time", async () => {
    for (let i = 0; i < 21; i++) await saveSnapshot({ user: admin, now: new Date(NOW.getTime() + (i + 1) * 1000) }, { ...QUERY, title: `n${i}` });
    const first = await listSnapshots({ kind: "user", user: viewer }, {});
    expect(first.total).toBe(22);
    expect(first.items).toHaveLength(20);
    expect(first.items[0]!.title).toBe("n20");
    const second = await listSnapshots({ kind: "user", user: viewer }, { page: "2" });
    expect(second.items.map((s) => s.title)).toEqual(["n0", "Board pack"]);
    await expect(listSnapshots({ kind: "user", user: viewer }, { page: "0" })).rejects.toBeInstanceOf(ZodError);
  });
});

describe("the weekly job", () => {
  const MON = parseWeeklySchedule("MON 00:00")!;

  it("stores the due week once, however often and however concurrently it runs", async () => {
    const runs = await Promise.all([takeWeeklySnapshot(MON, NOW), takeWeeklySnapshot(MON, NOW)]);
    const again = await takeWeeklySnapshot(MON, new Date(NOW.getTime() + HOUR));
    expect(runs.filter((r) => r.taken)).toHaveLength(1);
    expect(again.taken).toBe(false);
    const rows = await t.db.reportSnapshot.findMany({ where: { kind: "weekly" } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ dedupKey: "weekly:2026-11-16T00:00:00.000Z:business_unit", createdByLabel: WEEKLY_ACTOR, createdById: null, periodFrom: new Date(WEEK) });
    const { report } = await getSnapshot({ kind: "user", user: viewer }, rows[0]!.id);
    expect(report.period).toMatchObject({ kind: "week", soFar: false, to: "2026-11-23T00:00:00.000Z" });
    expect(report.portfolio.figures.requests).toBe(1500);
    expect((await listSnapshots({ kind: "user", user: viewer }, { kind: "weekly" })).total).toBe(1);
  });
});

describe("the snapshot routes with a read key", () => {
  const call = async (path: string, key: string) => new Request(`http://localhost${path}`, { headers: { authorization: `Bearer ${key}` } });

  it("lists, returns the stored CSV, refuses a PDF without a session and a bad format with its path", async () => {
    const { key } = await createApiKeyAsSystem({ name: "reader", serviceId: null, scopes: ["read"], actorLabel: "test" });
    const list = await getList(await call("/api/reports/snapshots?kind=manual", key));
    const page = await list.json();
    expect(page).toMatchObject({ page: 1, pageSize: 20, total: 22 });
    const id = page.items[0].id as string;
    const params = { params: Promise.resolve({ id }) };
    const { report } = await getSnapshot({ kind: "system", label: "test" }, id);

    const csv = await getOne(await call(`/api/reports/snapshots/${id}?format=csv`, key), params);
    expect(csv.headers.get("content-disposition")).toContain(`-snapshot-${id}.csv`);
    expect(await csv.text()).toBe(reportCsv(report));
    expect((await getOne(await call(`/api/reports/snapshots/${id}?format=pdf`, key), params)).status).toBe(401);
    const bad = await getOne(await call(`/api/reports/snapshots/${id}?format=xml`, key), params);
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.issues[0].path).toBe("format");
    expect((await getList(await call("/api/reports/snapshots?page=x", key))).status).toBe(400);
  });
});
