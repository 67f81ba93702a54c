import type { Db } from "@/lib/db/client.ts";
import { DAY_MS } from "@/lib/domain/reports/period.ts";
import { emptyStats, mergeStats, snapshotStats, SNAPSHOT_CAP_MS, type SnapshotPoint, type SnapshotStats } from "@/lib/domain/reports/time-in-status.ts";
import type { HealthStatus } from "@/lib/domain/score/score.ts";
import { dialect } from "./report-sql.ts";

// Time in status and the time-weighted score of many services over a period, aggregated in the database: a
// month of per-minute snapshots is 43,200 rows a service, too many to ship to Node for every report. The SQL does
// exactly what lib/domain/reports/time-in-status.ts does (each snapshot holds until the next, capped, clipped to
// the period, split at midnight, summed per status and per day); the integration test checks the two agree on both databases.

interface Row {
  sid: string;
  status: string;
  day: number | bigint;
  ms: number;
  ms_next: number;
  score_ms: number;
  score_ms_next: number;
  scored_ms: number;
  scored_ms_next: number;
}

const STATUS_SET = new Set<string>(["healthy", "warning", "critical", "no_data"]);
const least = (a: string, b: string) => `CASE WHEN ${a} < ${b} THEN ${a} ELSE ${b} END`;

/** Per service and UTC day: what its snapshots say about [from, to). Every id asked for gets an entry (days with nothing are absent). */
export async function aggregateSnapshotDays(db: Db, serviceIds: readonly string[], from: number, to: number, capMs = SNAPSHOT_CAP_MS): Promise<Map<string, Map<number, SnapshotStats>>> {
  const out = new Map(serviceIds.map((id) => [id, new Map<number, SnapshotStats>()]));
  if (serviceIds.length === 0) return out;
  const { p, params, num, epochMs, dayOf } = dialect();
  const epoch = epochMs('"at"');
  const ids = serviceIds.map(p).join(", ");
  // The last snapshot before `from` can only reach into the period if it is less than the cap older.
  const lo = p(new Date(from - capMs));
  const hi = p(new Date(to));
  const fromMs = num(from);
  const toMs = num(to);
  const cap = num(capMs);
  // Each interval [a, b) is split at the midnight m after a (it is shorter than the cap, so it crosses one at most):
  // the part before m is summed under a's day, the part after under the "next" columns, added to the next day below.
  const sql = `
    WITH s AS (
      SELECT sid, status, score, t, LEAD(t) OVER (PARTITION BY sid ORDER BY t) AS nxt
      FROM (SELECT "serviceId" AS sid, "status" AS status, "score" AS score, ${epoch} AS t
            FROM "ScoreSnapshot" WHERE "serviceId" IN (${ids}) AND "at" >= ${lo} AND "at" < ${hi}) raw
    ), c AS (
      SELECT sid, status, score,
             CASE WHEN t > ${fromMs} THEN t ELSE ${fromMs} END AS a,
             ${least(least(`COALESCE(nxt, t + ${cap})`, `t + ${cap}`), toMs)} AS b
      FROM s
    ), d AS (
      SELECT sid, status, score, a, b, ${dayOf("a")} AS day, (${dayOf("a")} + 1) * ${DAY_MS} AS m FROM c WHERE b > a
    ), e AS (
      SELECT sid, status, score, day, ${least("b", "m")} - a AS here, CASE WHEN b > m THEN b - m ELSE 0 END AS next FROM d
    )
    SELECT sid, status, day, SUM(here) AS ms, SUM(next) AS ms_next,
           SUM(CASE WHEN score IS NULL THEN 0 ELSE score * here END) AS score_ms,
           SUM(CASE WHEN score IS NULL THEN 0 ELSE score * next END) AS score_ms_next,
           SUM(CASE WHEN score IS NULL THEN 0 ELSE here END) AS scored_ms,
           SUM(CASE WHEN score IS NULL THEN 0 ELSE next END) AS scored_ms_next
    FROM e GROUP BY sid, status, day`;
  const rows = await db.$queryRawUnsafe<Row[]>(sql, ...params);
  const add = (serviceId: string, status: HealthStatus, day: number, ms: number, scoreMs: number, scoredMs: number) => {
    if (ms <= 0) return;
    const days = out.get(serviceId)!;
    const stats = days.get(day) ?? emptyStats();
    days.set(day, stats);
    stats.coveredMs[status] += ms;
    if (scoredMs <= 0) return;
    stats.scoreMs += scoreMs;
    stats.scoredMs += scoredMs;
    const d = stats.byDay.get(day) ?? { scoreMs: 0, scoredMs: 0 };
    d.scoreMs += scoreMs;
    d.scoredMs += scoredMs;
    stats.byDay.set(day, d);
  };
  for (const row of rows) {
    if (!out.has(row.sid) || !STATUS_SET.has(row.status)) continue;
    const status = row.status as HealthStatus;
    const day = Number(row.day) * DAY_MS;
    add(row.sid, status, day, Number(row.ms), Number(row.score_ms), Number(row.scored_ms));
    add(row.sid, status, day + DAY_MS, Number(row.ms_next), Number(row.score_ms_next), Number(row.scored_ms_next));
  }
  return out;
}

/** aggregateSnapshotDays summed over the days: one SnapshotStats per service. */
export async function aggregateSnapshotStats(db: Db, serviceIds: readonly string[], from: number, to: number, capMs = SNAPSHOT_CAP_MS): Promise<Map<string, SnapshotStats>> {
  const days = await aggregateSnapshotDays(db, serviceIds, from, to, capMs);
  return new Map([...days].map(([id, byDay]) => {
    const total = emptyStats();
    for (const d of byDay.values()) mergeStats(total, d);
    return [id, total];
  }));
}

/** The same figures the slow, obvious way: every snapshot read back and folded in Node (the bench's baseline, the test's oracle). */
export async function readSnapshotStatsNaively(db: Db, serviceIds: readonly string[], from: number, to: number, capMs = SNAPSHOT_CAP_MS): Promise<Map<string, SnapshotStats>> {
  const rows = await db.scoreSnapshot.findMany({
    where: { serviceId: { in: [...serviceIds] }, at: { gte: new Date(from - capMs), lt: new Date(to) } },
    select: { serviceId: true, at: true, score: true, status: true },
    orderBy: [{ serviceId: "asc" }, { at: "asc" }],
  });
  const points = new Map<string, SnapshotPoint[]>(serviceIds.map((id) => [id, []]));
  for (const r of rows) points.get(r.serviceId)?.push({ at: r.at.getTime(), score: r.score, status: r.status as HealthStatus });
  return new Map([...points].map(([id, list]) => [id, snapshotStats(list, from, to, capMs)]));
}
