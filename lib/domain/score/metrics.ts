import { emptyAggregate, mergeAggregateInto, type RollupAggregate, type SumCounts } from "../rollup/aggregate.ts";
import { sketchQuantile, type Sketch } from "../rollup/sketch.ts";
import { DAY_MS, MINUTE_MS } from "../rollup/tiers.ts";
import { parseMetric, type ParsedMetric } from "./catalog.ts";
import { embeddingDrift, populationStabilityIndex } from "./drift.ts";

// Metric values (DESIGN.md §4) from a window's merged rollups. Every metric reports how many events it rests
// on: a mean counts the events carrying its field, error.rate and throughput.rpm count every event, and drift
// counts the window's events that carry the embedding or the attribute. The score leaves out a metric with too
// few samples, so a value computed from three events never decides a service's health.

// The catalog of names lives in catalog.ts (shared with the config schema's hints); re-exported for callers
// that think of it as part of the metrics.
export { METRIC_CATALOG, parseMetric, type MetricFamily, type ParsedMetric } from "./catalog.ts";

export interface MetricValue {
  /** null when there is nothing to compute it from (no event carries the field, no baseline for drift). */
  value: number | null;
  samples: number;
}

export interface MetricSource {
  /** The window's rows merged into one (see mergeWindow). */
  window: RollupAggregate;
  /** Length of the window, for throughput.rpm. */
  windowMs: number;
  /** The drift baseline's rows merged into one; without it drift metrics are null. */
  baseline?: RollupAggregate | null;
}

export const NO_VALUE: MetricValue = Object.freeze({ value: null, samples: 0 });

/** Merges a window's rollup rows into one new aggregate; the rows are not changed. */
export function mergeWindow(rows: Iterable<RollupAggregate>): RollupAggregate {
  const merged = emptyAggregate();
  for (const row of rows) mergeAggregateInto(merged, row);
  return merged;
}

/** The default drift baseline (DESIGN.md §4): the 7 days ending 1 day before the window's end, as (from, to]. */
export function driftBaselineRange(windowEnd: number): { from: number; to: number } {
  const to = windowEnd - DAY_MS;
  return { from: to - 7 * DAY_MS, to };
}

/** A metric's value; a name outside the catalog has no value (the config schema rejects such names). */
export function computeMetric(name: string, source: MetricSource): MetricValue {
  const metric = parseMetric(name);
  return metric ? valueOf(metric, source) : NO_VALUE;
}

/** Several metrics at once, keyed by name (the shape computeScore takes). */
export function computeMetrics(names: Iterable<string>, source: MetricSource): Record<string, MetricValue> {
  const out: Record<string, MetricValue> = Object.create(null) as Record<string, MetricValue>;
  for (const name of names) out[name] ??= computeMetric(name, source);
  return out;
}

function valueOf(metric: ParsedMetric, { window: a, windowMs, baseline }: MetricSource): MetricValue {
  switch (metric.kind) {
    case "latency":
      return metric.stat === "mean" ? mean(a.latencySum, a.latencyCount) : quantile(a.latencySketch, metric.stat, a.latencyCount);
    case "ttft":
      return quantile(a.ttftSketch, metric.stat, a.ttftCount);
    case "error.rate":
      return ratio(a.errors, a.count);
    case "throughput.rpm":
      // Zero events is a throughput of 0, not an unknown one; the sample count still says how little it rests on.
      return { value: windowMs > 0 ? a.count / (windowMs / MINUTE_MS) : null, samples: a.count };
    case "cost.per_request":
      return mean(a.costSum, a.costCount);
    case "cost.total":
      return { value: a.costSum, samples: a.costCount };
    case "tokens.per_request":
      return mean(a.inputTokens + a.outputTokens, a.tokensCount);
    case "eval":
      return named(a.evals, metric.name);
    case "feedback":
      return named(a.feedback, metric.name);
    case "outcome":
      return named(a.outcomes, metric.name);
    case "retrieval":
      return named(a.retrieval, metric.field);
    case "quality.rejected.rate":
      // Rejected events exist only on the all-traffic row, so a segment's rate is 0 by construction.
      return ratio(a.rejected, a.count + a.rejected);
    case "quality.missing":
      return ratio(a.missing[metric.field] ?? 0, a.count);
    case "drift.embedding":
      return { value: baseline ? embeddingDrift(a.embedding, baseline.embedding) : null, samples: a.embedding.count };
    case "drift.psi": {
      const h = own(a.histograms, metric.attribute);
      const b = baseline ? own(baseline.histograms, metric.attribute) : undefined;
      const samples = h ? Object.values(h).reduce((s, c) => s + c, 0) : 0;
      return { value: h && b ? populationStabilityIndex(h, b) : null, samples };
    }
  }
}

const QUANTILES = { p50: 0.5, p90: 0.9, p95: 0.95, p99: 0.99 } as const;

function quantile(sketch: Sketch | null, stat: keyof typeof QUANTILES, samples: number): MetricValue {
  return { value: sketch ? sketchQuantile(sketch, QUANTILES[stat]) : null, samples };
}

function mean(sum: number, count: number): MetricValue {
  return { value: count > 0 ? sum / count : null, samples: count };
}

function ratio(part: number, whole: number): MetricValue {
  return { value: whole > 0 ? part / whole : null, samples: whole };
}

function named(sums: SumCounts, name: string): MetricValue {
  const sc = own(sums, name);
  return sc ? mean(sc[0], sc[1]) : NO_VALUE;
}

/** Names come from configs: "constructor" must not find Object.prototype's on a plain-object row. */
function own<T>(record: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
