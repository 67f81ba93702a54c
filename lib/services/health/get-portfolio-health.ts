import type { Principal } from "@/lib/auth/principal.ts";
import { countOpenAlertsByService } from "@/lib/db/alert-queries.ts";
import { getDb } from "@/lib/db/client.ts";
import { readWindowRowsForServices } from "@/lib/db/rollup-window.ts";
import { ALL_TRAFFIC } from "@/lib/domain/rollup/index.ts";
import { driftBaselineRange, healthReport, needsBaseline, windowRange, type HealthStatus, type ReportComponent } from "@/lib/domain/score/index.ts";
import type { PortfolioQuery } from "@/lib/schemas/health-query.ts";
import { loadScoredServices, type ScoredService } from "./scored-service.ts";
import { readRange } from "./window-rows.ts";

export interface PortfolioEntry {
  slug: string;
  name: string;
  businessUnit: string;
  riskTier: string;
  window: string;
  score: number | null;
  status: HealthStatus;
  coverage: number;
  events: number;
  configVersion: number | null;
  /** Open (pending or firing) alert episodes by severity; shadow alerts are not counted. */
  openAlerts: { warning: number; critical: number };
  /** The component losing the most points (null when none loses any): what drags the score down. */
  topComponent: { metric: string; pointsLost: number } | null;
}

export interface PortfolioHealth {
  at: string;
  services: PortfolioEntry[];
}

/** The component losing the most points, if any loses some. */
export function topLoser(components: readonly ReportComponent[]): { metric: string; pointsLost: number } | null {
  let best: { metric: string; pointsLost: number } | null = null;
  for (const c of components) {
    if (c.pointsLost !== null && c.pointsLost > 0 && (!best || c.pointsLost > best.pointsLost)) best = { metric: c.metric, pointsLost: c.pointsLost };
  }
  return best;
}

/**
 * GET /api/portfolio: every service the caller may read, scored over its own config's window (or the `window`
 * asked for) ending at `at`. Services sharing a window are read in one query.
 */
export async function getPortfolioHealth(principal: Principal, query: PortfolioQuery, now: Date): Promise<PortfolioHealth> {
  const services = await loadScoredServices(principal);
  const at = (query.at ?? now).getTime();
  const db = await getDb();
  const byWindow = new Map<number, ScoredService[]>();
  for (const s of services) {
    const windowMs = query.window ?? s.config.window;
    byWindow.set(windowMs, [...(byWindow.get(windowMs) ?? []), s]);
  }

  const openAlerts = await countOpenAlertsByService(db, services.map((s) => s.service.id));
  const entries = new Map<string, PortfolioEntry>();
  for (const [windowMs, group] of byWindow) {
    const { from, to } = windowRange(at, windowMs);
    const rows = await readWindowRowsForServices(db, group.map((s) => s.service.id), { from: new Date(from), to: new Date(to), now, dimension: ALL_TRAFFIC });
    for (const { service, config, configVersion } of group) {
      const baselineRows = needsBaseline(config) ? (await readRange(service.id, driftBaselineRange(at), now)).map((r) => r.agg) : null;
      const report = healthReport({
        service: service.slug, rules: config, windowMs, at, rows: (rows.get(service.id) ?? []).map((r) => r.agg), baselineRows, configVersion,
      });
      entries.set(service.id, {
        slug: service.slug, name: service.name, businessUnit: service.businessUnit, riskTier: service.riskTier,
        window: report.window, score: report.score, status: report.status, coverage: report.coverage, events: report.events, configVersion,
        openAlerts: openAlerts.get(service.id) ?? { warning: 0, critical: 0 },
        topComponent: topLoser(report.components),
      });
    }
  }
  return { at: new Date(at).toISOString(), services: services.map((s) => entries.get(s.service.id)!) };
}
