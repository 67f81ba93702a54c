import type { Principal } from "@/lib/auth/principal.ts";
import { ALL_TRAFFIC } from "@/lib/domain/rollup/index.ts";
import { driftBaselineRange, healthReport, needsBaseline, windowRange, type HealthReport } from "@/lib/domain/score/index.ts";
import type { HealthQuery } from "@/lib/schemas/health-query.ts";
import { loadScoredService } from "./scored-service.ts";
import { readRange } from "./window-rows.ts";

/**
 * GET /api/services/{slug}/health: the service's score over a window ending at `at` (default: now), for all
 * traffic or one segment value, with every component's value, samples, normalised score and points lost.
 */
export async function getServiceHealth(principal: Principal, slug: string, query: HealthQuery, now: Date): Promise<HealthReport> {
  const { service, config, configVersion } = await loadScoredService(principal, slug);
  const windowMs = query.window ?? config.window;
  const at = (query.at ?? now).getTime();
  const segment = query.segment ?? null;
  const read = async (range: { from: number; to: number }) => {
    const rows = await readRange(service.id, range, now, segment?.dimension ?? ALL_TRAFFIC);
    return rows.filter((r) => segment === null || r.key.value === segment.value).map((r) => r.agg);
  };
  const [rows, baselineRows] = await Promise.all([
    read(windowRange(at, windowMs)),
    needsBaseline(config) ? read(driftBaselineRange(at)) : null,
  ]);
  return healthReport({ service: service.slug, rules: config, windowMs, at, segment, rows, baselineRows, configVersion });
}
