import type { Principal } from "@/lib/auth/principal.ts";
import { getDb } from "@/lib/db/client.ts";
import { readPartsForServices } from "@/lib/db/rollup-window.ts";
import type { StoredRollup } from "@/lib/db/rollups.ts";
import { ALL_TRAFFIC, DAY_MS, MINUTE_MS, planWindow, TIERS, type RollupAggregate, type RollupTier, type WindowPart } from "@/lib/domain/rollup/index.ts";
import { driftBaselineRange, formatDuration, healthReport, needsBaseline, type HealthStatus } from "@/lib/domain/score/index.ts";
import { AppError } from "@/lib/errors.ts";
import { MAX_POINTS, type TimeseriesQuery } from "@/lib/schemas/health-query.ts";
import { loadScoredService } from "./scored-service.ts";

export interface TimeseriesPoint {
  /** The end of this point's window, ISO 8601. */
  at: string;
  score: number | null;
  status: HealthStatus;
  coverage: number;
  events: number;
  components: { metric: string; value: number | null; samples: number; normalized: number | null; pointsLost: number | null }[];
}

export interface ScoreTimeseries {
  service: string;
  from: string;
  to: string;
  step: string;
  window: string;
  configVersion: number | null;
  points: TimeseriesPoint[];
}

/** Steps a timeseries picks by itself: the finest that keeps the series at ≤ 300 points. */
const AUTO_STEPS = [1, 5, 15, 30, 60, 180, 360, 720, 1440].map((m) => m * MINUTE_MS);
const AUTO_POINTS = 300;

/**
 * GET /api/services/{slug}/timeseries: the score at every step of (from, to] — each point the health of the
 * config's window ending there — with its status and component values. Rows are read once for the whole
 * range, tier by tier, and each point merges the rows its own window plan picks (planWindow), so a point
 * reads what the health API would read for the same window and `at`.
 */
export async function getScoreTimeseries(principal: Principal, slug: string, query: TimeseriesQuery, now: Date): Promise<ScoreTimeseries> {
  const { service, config, configVersion } = await loadScoredService(principal, slug);
  const windowMs = query.window ?? config.window;
  const to = Math.floor((query.to ?? now).getTime() / MINUTE_MS) * MINUTE_MS;
  const from = query.from ? query.from.getTime() : to - DAY_MS;
  const step = query.step ?? AUTO_STEPS.find((s) => (to - from) / s <= AUTO_POINTS) ?? DAY_MS;
  const count = Math.floor((to - from) / step);
  if (count > MAX_POINTS) {
    throw new AppError("BAD_REQUEST", 400, `step: ${formatDuration(step)} over this range gives ${count} points; at most ${MAX_POINTS}. Choose a larger step.`);
  }
  // Points end at to, to − step, …: the latest point is always "now" (or `to`), whatever the range.
  const ends = Array.from({ length: count }, (_, i) => to - (count - 1 - i) * step);
  const windows = ends.map((at) => ({ at, from: at - windowMs, to: at }));
  const baselines = needsBaseline(config) ? ends.map((at) => driftBaselineRange(at)) : null;
  const rows = await TierRows.load(service.id, [...windows, ...(baselines ?? [])], now);

  const points = windows.map(({ at, from: start, to: end }, i): TimeseriesPoint => {
    const report = healthReport({
      service: service.slug, rules: config, windowMs, at, configVersion,
      rows: rows.select(start, end), baselineRows: baselines ? rows.select(baselines[i]!.from, baselines[i]!.to) : null,
    });
    return {
      at: report.at, score: report.score, status: report.status, coverage: report.coverage, events: report.events,
      components: report.components.map(({ metric, value, samples, normalized, pointsLost }) => ({ metric, value, samples, normalized, pointsLost })),
    };
  });
  return {
    service: service.slug, from: new Date(from).toISOString(), to: new Date(to).toISOString(), step: formatDuration(step),
    window: formatDuration(windowMs), configVersion, points,
  };
}

/** All-traffic rows of the tiers a set of windows needs, read once, and each window's rows picked from them. */
class TierRows {
  private constructor(
    private readonly byTier: ReadonlyMap<RollupTier, StoredRollup[]>,
    private readonly now: number,
  ) {}

  static async load(serviceId: string, windows: readonly { from: number; to: number }[], now: Date): Promise<TierRows> {
    const spans = new Map<RollupTier, WindowPart>();
    for (const w of windows) {
      for (const part of planWindow(w.from, w.to, now.getTime())) {
        const span = spans.get(part.tier);
        spans.set(part.tier, span ? { tier: part.tier, from: Math.min(span.from, part.from), to: Math.max(span.to, part.to) } : { ...part });
      }
    }
    // Through the window reader's held rows: the same hour rows a health read of this service has decoded.
    const rows = (await readPartsForServices(await getDb(), [serviceId], [...spans.values()], ALL_TRAFFIC)).get(serviceId)!;
    const byTier = new Map<RollupTier, StoredRollup[]>(TIERS.map((tier) => [tier, rows.filter((r) => r.tier === tier)]));
    return new TierRows(byTier, now.getTime());
  }

  /** The aggregates planWindow picks for bucket starts in [from, to). */
  select(from: number, to: number): RollupAggregate[] {
    const out: RollupAggregate[] = [];
    for (const part of planWindow(from, to, this.now)) {
      const rows = this.byTier.get(part.tier) ?? [];
      for (let i = firstAtOrAfter(rows, part.from); i < rows.length && rows[i]!.key.bucketStart < part.to; i++) out.push(rows[i]!.agg);
    }
    return out;
  }
}

/** Index of the first row whose bucket starts at or after `ms` (rows ascend by bucketStart). */
function firstAtOrAfter(rows: readonly StoredRollup[], ms: number): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (rows[mid]!.key.bucketStart < ms) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

