// Report speed (issue 8): `npm run bench:reports` on fresh SQLite files; with DATABASE_URL=postgresql://… it
// creates, measures and drops scratch PostgreSQL databases instead.
//
// Two databases, each measured through the same use case as GET /api/reports (getReport), in the same run as a
// naive baseline that computes the same report by reading every snapshot back and folding it in Node
// (readSnapshotStatsNaively) — everything else (rollups, alerts) is read the same way by both:
//   1. the demo portfolio (10 services, 14 days, seeded as `vitals db seed` does): this month's report by risk tier;
//   2. 50 services × 31 days of per-minute snapshots (the evaluator's rate: 2.2 M rows), with no-data gaps and
//      incidents, hour rollups and alert episodes: the report of that whole month, by business unit and tier.
// Each is timed warm (the settled days' figures held, as a server that has reported before has them:
// lib/services/reports/snapshot-days.ts), after a restart (settled days stored in SnapshotDay, nothing held), and
// with no day settled at all (what the hourly settling job pays once per day of history). Cost and requests are
// summed in the database either way (lib/db/report-traffic.ts), so nothing else is held between runs.
// Target (issue 8): the monthly report ≤ 1 s. Figures are printed, never asserted.
//
// Options (env): BENCH_RUNS (default 10), BENCH_DEMO=0 skips the demo portfolio, BENCH_SERVICES (default 50).
import { freshDatabase } from "./lib/fresh-database.ts";
import { closeDb, getDb, switchDatabase } from "@/lib/db/client.ts";
import { migrateDatabase } from "@/lib/db/migrate.ts";
import type { Report } from "@/lib/domain/reports/types.ts";
import type { ReportQuery } from "@/lib/schemas/reports.ts";
import { seedDemo } from "@/lib/services/demo/seed-demo.ts";
import { getReport } from "@/lib/services/reports/get-report.ts";
import { forgetSnapshotDays } from "@/lib/services/reports/snapshot-days.ts";
import { readSnapshotStatsNaively } from "@/lib/db/report-snapshot-stats.ts";
import { seedPortfolio } from "./lib/report-portfolio.ts";
import { timed } from "./lib/timed.ts";

const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const SERVICES = Number(process.env.BENCH_SERVICES ?? 50);
const provider = process.env.DATABASE_URL?.startsWith("postgres") ? "postgres" : "sqlite";
const system = { kind: "system", label: "bench" } as const;


const fmt = (ms: number) => `${ms.toFixed(ms < 10 ? 2 : ms < 100 ? 1 : 0)} ms`;
const pct = (ms: number, total: number) => `${((ms / total) * 100).toFixed(1)} %`;

/** The headline figures, so a run shows what it computed, and the two paths can be compared. */
function figures(r: Report): string {
  const f = r.portfolio.figures;
  const total = Object.values(f.statusMs).reduce((a, b) => a + b, 0);
  const mins = (ms: number | null) => (ms === null ? "—" : `${(ms / 60_000).toFixed(1)} min`);
  return [
    `  ${r.period.label} (${r.period.from} → ${r.period.to}${r.period.soFar ? ", so far" : ""}), ${r.groups.length} groups`,
    `  score ${f.score?.toFixed(2) ?? "—"} (previous ${r.portfolio.previous.score?.toFixed(2) ?? "—"}) · lowest ${f.lowestScore?.toFixed(2) ?? "—"} (${f.lowestService ?? "—"})`,
    `  time in status: healthy ${pct(f.statusMs.healthy, total)} · warning ${pct(f.statusMs.warning, total)} · critical ${pct(f.statusMs.critical, total)} · no data ${pct(f.statusMs.no_data, total)}`,
    `  episodes ${f.episodes.critical} critical · ${f.episodes.warning} warning (${f.openAtEnd} open at end) · MTTA ${mins(f.mttaMs)} · MTTR ${mins(f.mttrMs)}`,
    `  requests ${f.requests.toLocaleString("en")} · cost $${f.costUsd.toFixed(2)} · per 1k $${f.costPer1kRequests?.toFixed(4) ?? "—"}`,
  ].join("\n");
}

/** Both paths' reports side by side: the same figures, to rounding. */
function agree(a: Report, b: Report): boolean {
  const strip = (r: Report) => JSON.stringify({ ...r, generatedAt: "" }, (_, v: unknown) => (typeof v === "number" ? Number(v.toPrecision(9)) : v));
  return strip(a) === strip(b);
}

async function measure(name: string, query: ReportQuery, now: Date): Promise<string[]> {
  const db = await getDb();
  const fast = await timed(RUNS, () => getReport(system, query, now));
  // After a restart: settled days are stored (SnapshotDay), nothing is held in memory.
  const restarted = await timed(Math.max(2, Math.floor(RUNS / 2)), () => {
    forgetSnapshotDays();
    return getReport(system, query, now);
  });
  // Nothing stored or held: every settled day summed from the snapshots (what the hourly settling job does once).
  const unsettled = await timed(Math.max(2, Math.floor(RUNS / 4)), async () => {
    forgetSnapshotDays();
    await db.snapshotDay.deleteMany();
    return getReport(system, query, now);
  });
  const naive = await timed(Math.max(2, Math.floor(RUNS / 5)), () => getReport(system, query, now, readSnapshotStatsNaively));
  const [a, b] = [await getReport(system, query, now), await getReport(system, query, now, readSnapshotStatsNaively)];
  console.log(`\n${name}\n${figures(a)}\n  naive baseline computes the same figures: ${agree(a, b) ? "yes" : "NO"}`);
  const verdict = (t: { p95: number }) => (t.p95 <= 1000 ? "PASS" : "MISS");
  return [
    `${name}: monthly report, settled days held      p50 ${fmt(fast.p50)} · p95 ${fmt(fast.p95)}   target ≤ 1 s  ${verdict(fast)}`,
    `${name}: after a restart (days stored)          p50 ${fmt(restarted.p50)} · p95 ${fmt(restarted.p95)}   target ≤ 1 s  ${verdict(restarted)}`,
    `${name}: no day settled yet (one-time job cost) p50 ${fmt(unsettled.p50)} · p95 ${fmt(unsettled.p95)}`,
    `${name}: naive baseline (every snapshot read)   p50 ${fmt(naive.p50)} · mean ${fmt(naive.mean)}   ${(naive.mean / fast.mean).toFixed(1)}× the held path, ${(naive.mean / restarted.mean).toFixed(1)}× after a restart`,
  ];
}

async function withDatabase<T>(prefix: string, work: (url: string) => Promise<T>): Promise<T> {
  const database = await freshDatabase(provider, prefix);
  try {
    await migrateDatabase(database.url);
    await switchDatabase(database.url);
    return await work(database.url);
  } finally {
    await closeDb().catch(() => {});
    await database.drop().catch(() => {});
  }
}

async function main(): Promise<void> {
  console.log(`bench:reports on ${provider}, ${RUNS} runs per figure`);
  const lines: string[] = [];
  if (process.env.BENCH_DEMO !== "0") {
    lines.push(...await withDatabase("vitals_bench_reports_demo", async () => {
      const now = new Date();
      const t0 = performance.now();
      const seeded = await seedDemo({ days: 14, allowProduction: true, log: () => {}, now });
      if (!seeded.seeded) throw new Error(seeded.reason);
      console.log(`seeded the demo portfolio (${seeded.events.toLocaleString("en")} events, 14 days) in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
      return measure("demo portfolio (10 services)", { period: "month", groupBy: "risk_tier", format: "json" }, now);
    }));
  }
  lines.push(...await withDatabase("vitals_bench_reports_big", async () => {
    const t0 = performance.now();
    const { now, snapshots, month } = await seedPortfolio(SERVICES);
    console.log(`\nseeded ${SERVICES} services: ${snapshots.toLocaleString("en")} snapshots in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    return measure(`${SERVICES} services × 31 days`, { period: "month", date: month, groupBy: "both", format: "json" }, now);
  }));
  console.log(`\n${lines.join("\n")}`);
}

await main();
