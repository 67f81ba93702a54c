import type { Principal } from "@/lib/auth/principal.ts";
import { DAY_MS, MINUTE_MS } from "@/lib/domain/rollup/index.ts";
import { formatDuration, type HealthStatus } from "@/lib/domain/score/index.ts";
import { AppError } from "@/lib/errors.ts";
import { MAX_POINTS, type TimeseriesQuery } from "@/lib/schemas/health-query.ts";
import { loadScoredService } from "./scored-service.ts";
import { scoreSeries } from "./score-series.ts";

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
  /** The segment scored, when not all traffic. */
  segment: { dimension: string; value: string } | null;
  points: TimeseriesPoint[];
}

/** Steps a timeseries picks by itself: the finest that keeps the series at ≤ 300 points. */
const AUTO_STEPS = [1, 5, 15, 30, 60, 180, 360, 720, 1440].map((m) => m * MINUTE_MS);
const AUTO_POINTS = 300;

/**
 * GET /api/services/{slug}/timeseries: the score at every step of (from, to] — each point the health of the
 * config's window ending there (scoreSeries) — with its status and component values.
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
  const segment = query.segment ?? null;
  const reports = await scoreSeries({ service, config, configVersion, windowMs, ends, now, segment });
  const points = reports.map((report): TimeseriesPoint => ({
    at: report.at, score: report.score, status: report.status, coverage: report.coverage, events: report.events,
    components: report.components.map(({ metric, value, samples, normalized, pointsLost }) => ({ metric, value, samples, normalized, pointsLost })),
  }));
  return {
    service: service.slug, from: new Date(from).toISOString(), to: new Date(to).toISOString(), step: formatDuration(step),
    window: formatDuration(windowMs), configVersion, segment, points,
  };
}
