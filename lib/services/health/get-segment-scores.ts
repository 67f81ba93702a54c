import type { Principal } from "@/lib/auth/principal.ts";
import type { StoredRollup } from "@/lib/db/rollups.ts";
import type { RollupAggregate } from "@/lib/domain/rollup/index.ts";
import { ALL_TRAFFIC } from "@/lib/domain/rollup/index.ts";
import {
  driftBaselineRange, formatDuration, healthReport, needsBaseline, rankSegments, scoreSegments, toHealthReport, windowRange,
  type HealthReport, type SegmentRows, type SegmentScore,
} from "@/lib/domain/score/index.ts";
import type { SegmentsQuery } from "@/lib/schemas/health-query.ts";
import { loadScoredService } from "./scored-service.ts";
import { readRange } from "./window-rows.ts";

export interface RankedSegment {
  dimension: string;
  value: string;
  /** Events of this value in the window, and their share of all traffic. */
  count: number;
  share: number;
  /** (100 − S) × share (DESIGN.md §5); null when the segment has no score. */
  impact: number | null;
  health: Omit<HealthReport, "service" | "window" | "at" | "configVersion">;
}

export interface SegmentScores {
  service: string;
  window: string;
  at: string;
  configVersion: number | null;
  /** The dimensions scored: the one asked for, or every dimension the config lists under `segments`. */
  dimensions: string[];
  /** All traffic, for reference. */
  overall: HealthReport;
  /** Every value of every dimension, highest impact first. */
  segments: RankedSegment[];
}

/**
 * GET /api/services/{slug}/segments: each segment value scored over the window with the service's config and
 * ranked by impact — which provider, model or user segment drags the score down, weighted by its traffic.
 */
export async function getSegmentScores(principal: Principal, slug: string, query: SegmentsQuery, now: Date): Promise<SegmentScores> {
  const { service, config, configVersion } = await loadScoredService(principal, slug);
  const windowMs = query.window ?? config.window;
  const at = (query.at ?? now).getTime();
  const dimensions = query.dimension !== undefined ? [query.dimension] : config.segments;
  const baseline = needsBaseline(config);
  const read = (range: { from: number; to: number }, dimension: string) => readRange(service.id, range, now, dimension);

  const window = windowRange(at, windowMs);
  const overallRows = (await read(window, ALL_TRAFFIC)).map((r) => r.agg);
  const overallBaseline = baseline ? (await read(driftBaselineRange(at), ALL_TRAFFIC)).map((r) => r.agg) : null;
  const overall = healthReport({ service: service.slug, rules: config, windowMs, at, rows: overallRows, baselineRows: overallBaseline, configVersion });

  const ranked: (SegmentScore & { dimension: string })[] = [];
  for (const dimension of dimensions) {
    const rows = byValue(await read(window, dimension));
    const baselineRows = baseline ? byValue(await read(driftBaselineRange(at), dimension)) : null;
    const segments: SegmentRows[] = [...rows].map(([value, valueRows]) => ({
      value, rows: valueRows, baselineRows: baselineRows?.get(value) ?? (baseline ? [] : undefined),
    }));
    for (const s of scoreSegments(config, { segments, totalCount: overall.events, windowMs })) ranked.push({ ...s, dimension });
  }

  return {
    service: service.slug, window: formatDuration(windowMs), at: new Date(at).toISOString(), configVersion, dimensions, overall,
    segments: (rankSegments(ranked) as typeof ranked).map(({ dimension, value, count, share, impact, result }) => {
      const report = toHealthReport({ service: service.slug, windowMs, at, segment: { dimension, value }, configVersion }, result, count);
      const { segment, score, status, coverage, events, components, floorsApplied } = report;
      return { dimension, value, count, share, impact, health: { segment, score, status, coverage, events, components, floorsApplied } };
    }),
  };
}

function byValue(rows: readonly StoredRollup[]): Map<string, RollupAggregate[]> {
  const out = new Map<string, RollupAggregate[]>();
  for (const { key, agg } of rows) {
    const list = out.get(key.value);
    if (list) list.push(agg);
    else out.set(key.value, [agg]);
  }
  return out;
}
