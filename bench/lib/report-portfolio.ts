import { getDb } from "@/lib/db/client.ts";
import { currentProvider } from "@/lib/db/client.ts";
import { writeRollups } from "@/lib/db/rollups.ts";
import { Random } from "@/lib/domain/demo/random.ts";
import { ALL_TRAFFIC, emptyAggregate, type RollupEntry } from "@/lib/domain/rollup/index.ts";

// The reports bench's big portfolio: `services` services with one score snapshot a minute through a whole
// month (October before the current month's start), as the evaluator writes them, plus the hour rollups and the
// alert episodes a month like that leaves. Each service has two incidents (a warning stretch and a critical one,
// each with its episode) and two no-data gaps (the evaluator stopped for 3 hours), at random times.

const MIN = 60_000;
const HOUR = 60 * MIN;
const BATCH = 800;

export async function seedPortfolio(services: number): Promise<{ now: Date; snapshots: number; month: number }> {
  const db = await getDb();
  const start = new Date();
  const monthStart = Date.UTC(start.getUTCFullYear(), start.getUTCMonth() - 1, 1);
  const monthEnd = Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), 1);
  const r = new Random("bench-reports", "portfolio");
  const postgres = currentProvider() === "postgres";
  let snapshots = 0;
  for (let i = 0; i < services; i++) {
    const { id } = await db.service.create({
      data: { slug: `svc-${String(i).padStart(2, "0")}`, name: `Service ${i}`, businessUnit: `bu-${i % 6}`, riskTier: ["critical", "high", "medium", "low"][i % 4]! },
    });
    const minutes = (monthEnd - monthStart) / MIN;
    const incident = (hours: number) => { const s = r.int(0, minutes - hours * 60); return [s, s + hours * 60] as const; };
    const warning = incident(6);
    const critical = incident(2);
    const gaps = [incident(3), incident(3)];
    const rows: unknown[][] = [];
    let score = 90;
    for (let m = 0; m < minutes; m++) {
      if (gaps.some(([a, b]) => m >= a && m < b)) continue;
      score = Math.min(100, Math.max(80, score + r.uniform(-1, 1)));
      const s = m >= critical[0] && m < critical[1] ? 45 : m >= warning[0] && m < warning[1] ? 70 : score;
      rows.push([id, new Date(monthStart + m * MIN), s, s < 60 ? "critical" : s < 80 ? "warning" : "healthy", 1]);
    }
    // The evaluator's next minute, just past the month: it is what settles the month's last day (snapshot-days.ts).
    rows.push([id, new Date(monthEnd), score, "healthy", 1]);
    for (let k = 0; k < rows.length; k += BATCH) await insertSnapshots(rows.slice(k, k + BATCH), postgres);
    snapshots += rows.length;
    const hours: RollupEntry[] = [];
    for (let h = monthStart; h < monthEnd; h += HOUR) {
      const count = r.int(200, 400);
      hours.push({ key: { bucketStart: h, dimension: ALL_TRAFFIC, value: ALL_TRAFFIC }, agg: { ...emptyAggregate(), count, costCount: count, costSum: count * r.uniform(0.001, 0.003) } });
    }
    await db.$transaction((tx) => writeRollups(tx, id, "hour", hours, { overwriteRejected: true }), { timeout: 60_000 });
    const episode = ([a, b]: readonly [number, number], severity: string) => ({
      serviceId: id, severity, state: "resolved", alertKey: `${id}:${severity}`, pendingSince: new Date(monthStart + a * MIN),
      firingSince: new Date(monthStart + (a + 5) * MIN), acknowledgedAt: new Date(monthStart + (a + 5 + r.int(1, 20)) * MIN), resolvedAt: new Date(monthStart + (b + 3) * MIN),
    });
    await db.alert.createMany({ data: [episode(warning, "warning"), episode(critical, "critical")] });
  }
  // "now" is the first instant after the month: the month is complete and its hour rows are what planWindow reads.
  return { now: new Date(monthEnd), snapshots, month: monthStart };
}

/** A multi-row INSERT: createMany would take minutes for two million rows (NOTES.md: ≈ 5,000 rows/s). */
async function insertSnapshots(rows: unknown[][], postgres: boolean): Promise<void> {
  const db = await getDb();
  const params: unknown[] = [];
  const values = rows.map((row) => `(${row.map((v) => { params.push(v); return postgres ? `$${params.length}` : "?"; }).join(", ")})`);
  await db.$executeRawUnsafe(`INSERT INTO "ScoreSnapshot" ("serviceId", "at", "score", "status", "coverage") VALUES ${values.join(", ")}`, ...params);
}
