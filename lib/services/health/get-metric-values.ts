import type { Principal } from "@/lib/auth/principal.ts";
import { HOUR_MS, MINUTE_MS } from "@/lib/domain/rollup/index.ts";
import { formatDuration, parseMetric, type ScoreConfig } from "@/lib/domain/score/index.ts";
import { loadScoredService } from "./scored-service.ts";
import { scoreSeries } from "./score-series.ts";

// What the config editor shows next to each metric: its value now and over the last day, each point over the
// service's configured window, so an owner sets good and bad bounds against the traffic the score will see.
// The values come from the same reader and metric functions as the score (scoreSeries): a config whose
// components are the requested metrics, with bounds that do not matter because only value and samples are read.

export interface MetricValuePoint {
  /** The end of this point's window, ISO 8601. */
  at: string;
  value: number | null;
  samples: number;
}

export interface MetricValues {
  service: string;
  /** Each value's window, as configs write it. */
  window: string;
  /** Keyed by metric name; each series ascends in time and ends at `now` (its last point is the current value). */
  metrics: Record<string, MetricValuePoint[]>;
}

/** At most this many metrics per call: the editor asks for its vocabulary, a few dozen names. */
export const MAX_METRICS = 80;

export async function getMetricValues(
  principal: Principal, slug: string, names: readonly string[], now: Date, { hours = 24 }: { hours?: number } = {},
): Promise<MetricValues> {
  const { service, config } = await loadScoredService(principal, slug);
  // Names outside the catalog have no value; dropping them keeps one typo from costing a read.
  const metrics = [...new Set(names)].filter((n) => parseMetric(n) !== null).slice(0, MAX_METRICS);
  const probe: ScoreConfig = { ...config, components: metrics.map((metric) => ({ metric, weight: 1, good: 0, bad: 1 })), floors: [] };
  const to = Math.floor(now.getTime() / MINUTE_MS) * MINUTE_MS;
  const ends = Array.from({ length: hours + 1 }, (_, i) => to - (hours - i) * HOUR_MS);
  const reports = metrics.length === 0 ? [] : await scoreSeries({ service, config: probe, configVersion: null, ends, now });
  const out: Record<string, MetricValuePoint[]> = {};
  metrics.forEach((metric, m) => {
    out[metric] = reports.map((r) => ({ at: r.at, value: r.components[m]!.value, samples: r.components[m]!.samples }));
  });
  return { service: service.slug, window: formatDuration(config.window), metrics: out };
}
