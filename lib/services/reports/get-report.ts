import type { Principal } from "@/lib/auth/principal.ts";
import { can } from "@/lib/auth/permissions.ts";
import { getDb, type Db } from "@/lib/db/client.ts";
import { buildReport, type ServiceInput } from "@/lib/domain/reports/build-report.ts";
import { episodeFigures } from "@/lib/domain/reports/episodes.ts";
import type { PeriodInput } from "@/lib/domain/reports/figures.ts";
import { PeriodError, previousPeriod, resolvePeriod, type PeriodRequest } from "@/lib/domain/reports/period.ts";
import { emptyStats, type SnapshotStats } from "@/lib/domain/reports/time-in-status.ts";
import type { Period, Report } from "@/lib/domain/reports/types.ts";
import { AppError } from "@/lib/errors.ts";
import type { ReportQuery } from "@/lib/schemas/reports.ts";
import { loadScoredServices } from "@/lib/services/health/scored-service.ts";
import { readEpisodes } from "./read-episodes.ts";
import { readTraffic } from "@/lib/db/report-traffic.ts";
import { readSnapshotStats } from "./snapshot-days.ts";

export type SnapshotReader = (db: Db, serviceIds: readonly string[], from: number, to: number) => Promise<Map<string, SnapshotStats>>;

/**
 * GET /api/reports and the /reports page: the executive report of every service the caller may read, for one
 * period and grouping, with the previous period for comparison. `readSnapshots` is the bench's seam for its
 * naive baseline; everything else reads the same way for both.
 */
export async function getReport(principal: Principal, query: ReportQuery, now: Date, readSnapshots: SnapshotReader = readSnapshotStats): Promise<Report> {
  if (principal.kind === "user" && !can(principal.user, "reports.read")) throw new AppError("FORBIDDEN", 403, "Your role may not read reports.");
  const period = periodOf(query, now.getTime());
  const previous = previousPeriod(period, now.getTime());
  const services = await loadScoredServices(principal);
  const ids = services.map((s) => s.service.id);
  const db = await getDb();
  const span = (p: Period) => [Date.parse(p.from), Date.parse(p.to)] as const;
  const [from, to] = span(period);
  const [prevFrom, prevTo] = span(previous);
  // Sequential on purpose: SQLite serves one statement at a time anyway, and it keeps PostgreSQL's pool free.
  const stats = await readSnapshots(db, ids, from, to);
  const prevStats = await readSnapshots(db, ids, prevFrom, prevTo);
  const traffic = await readTraffic(db, ids, from, to, now);
  const prevTraffic = await readTraffic(db, ids, prevFrom, prevTo, now);
  const episodes = await readEpisodes(db, ids, prevFrom, to);

  const periodInput = (id: string, s: Map<string, SnapshotStats>, t: typeof traffic, a: number, b: number): PeriodInput => {
    const tr = t.get(id)!;
    return { stats: s.get(id) ?? emptyStats(), episodes: episodeFigures(episodes.get(id) ?? [], a, b), requests: tr.requests, costUsd: tr.costUsd, requestsByDay: tr.requestsByDay };
  };
  const inputs = services.map(({ service, config }): ServiceInput => ({
    slug: service.slug, name: service.name, businessUnit: service.businessUnit, riskTier: service.riskTier, thresholds: config.thresholds,
    current: periodInput(service.id, stats, traffic, from, to),
    previous: periodInput(service.id, prevStats, prevTraffic, prevFrom, prevTo),
  }));
  return buildReport({ generatedAt: now.getTime(), period, previousPeriod: previous, groupBy: query.groupBy, services: inputs });
}

/** The period a report query names; a period that cannot be (not yet started, reversed) is a 400. */
export function periodOf(query: Pick<ReportQuery, "period" | "date" | "from" | "to">, now: number): Period {
  const req: PeriodRequest = query.period === "custom"
    ? { kind: "custom", from: query.from!, to: query.to! }
    : { kind: query.period, at: query.date ?? now };
  try {
    return resolvePeriod(req, now);
  } catch (error) {
    if (error instanceof PeriodError) throw new AppError("BAD_REQUEST", 400, error.message);
    throw error;
  }
}
