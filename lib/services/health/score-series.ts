import { getDb } from "@/lib/db/client.ts";
import { readPartsForServices } from "@/lib/db/rollup-window.ts";
import type { StoredRollup } from "@/lib/db/rollups.ts";
import { ALL_TRAFFIC, planWindow, TIERS, type RollupAggregate, type RollupTier, type WindowPart } from "@/lib/domain/rollup/index.ts";
import { driftBaselineRange, healthReport, needsBaseline, type HealthReport, type ScoreConfig } from "@/lib/domain/score/index.ts";

// A config's score at many instants of one service's history: the score chart, the evaluator catching up on
// minutes it missed, and a proposal's backtest (the active and the proposed config over the same rows). Rows
// are read once for the whole range, tier by tier, and each instant merges the rows its own window plan picks
// (planWindow), so each report equals what the health API answers for the same window and `at`.

export interface SeriesRequest {
  service: { id: string; slug: string };
  config: ScoreConfig;
  configVersion: number | null;
  /** The window's length, ms (default: the config's). */
  windowMs?: number;
  /** Each report's window end, ms, ascending. */
  ends: readonly number[];
  now: Date;
  /** One segment's rows instead of all traffic. */
  segment?: { dimension: string; value: string } | null;
}

export async function scoreSeries(req: SeriesRequest): Promise<HealthReport[]> {
  const { service, config, configVersion, ends, now } = req;
  const windowMs = req.windowMs ?? config.window;
  const windows = ends.map((at) => ({ at, from: at - windowMs, to: at }));
  const baselines = needsBaseline(config) ? ends.map((at) => driftBaselineRange(at)) : null;
  const segment = req.segment ?? null;
  const rows = await TierRows.load(service.id, [...windows, ...(baselines ?? [])], now, segment);
  return windows.map(({ at, from, to }, i) => healthReport({
    service: service.slug, rules: config, windowMs, at, configVersion, segment,
    rows: rows.select(from, to), baselineRows: baselines ? rows.select(baselines[i]!.from, baselines[i]!.to) : null,
  }));
}

/** The rows (all traffic, or one segment value) of the tiers a set of windows needs, read once, and each window's rows picked from them. */
class TierRows {
  private constructor(
    private readonly byTier: ReadonlyMap<RollupTier, StoredRollup[]>,
    private readonly now: number,
  ) {}

  static async load(
    serviceId: string, windows: readonly { from: number; to: number }[], now: Date, segment: { dimension: string; value: string } | null,
  ): Promise<TierRows> {
    const spans = new Map<RollupTier, WindowPart>();
    for (const w of windows) {
      for (const part of planWindow(w.from, w.to, now.getTime())) {
        const span = spans.get(part.tier);
        spans.set(part.tier, span ? { tier: part.tier, from: Math.min(span.from, part.from), to: Math.max(span.to, part.to) } : { ...part });
      }
    }
    // Through the window reader's held rows: the same hour rows a health read of this service has decoded.
    const all = (await readPartsForServices(await getDb(), [serviceId], [...spans.values()], segment?.dimension ?? ALL_TRAFFIC)).get(serviceId)!;
    const rows = segment ? all.filter((r) => r.key.value === segment.value) : all;
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

