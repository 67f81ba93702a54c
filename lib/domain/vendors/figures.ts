import { createSketch, emptyAggregate, mergeAggregateInto, sketchQuantile, type RollupAggregate } from "../rollup/index.ts";
import { DAY_MS, HOUR_MS, type RollupTier } from "../rollup/tiers.ts";

// The vendor view's figures (issue 8; DESIGN.md §9): per provider or model over a period — p95 latency, error
// rate, cost per 1,000 tokens, request share — and SLA compliance: the share of time in which the provider met
// its targets (ProviderSla: p95 latency ≤ latencyP95Ms and error rate ≤ maxErrorRate).
//
// Compliance buckets: one hour where the period is held at minute or hour granularity (minute rows are merged
// into their hour), one UTC day where only day rows are left (older than the hour retention, 90 days by default).
// A bucket weighs its length, so compliance is a share of time. Buckets without traffic of the provider are left
// out of both numerator and denominator: a provider nobody called in an hour neither met nor missed its targets
// there. A bucket with traffic but no latency sample (no latency_ms on its events) is judged on errors alone.

/** A rollup row as the vendor figures read it: which tier, where its bucket starts, what it holds. */
export interface VendorRow {
  tier: RollupTier;
  bucketStart: number;
  agg: RollupAggregate;
}

export interface SlaTarget {
  /** p95 latency the provider must stay at or under, ms. */
  latencyP95Ms: number;
  /** Error rate the provider must stay at or under, 0..1. */
  maxErrorRate: number;
}

export interface Bucket {
  start: number;
  lengthMs: number;
  agg: RollupAggregate;
}

export interface Compliance {
  /** Time in buckets with traffic that met both targets, ms. */
  compliantMs: number;
  /** Time in buckets with traffic, ms. */
  measuredMs: number;
  /** compliantMs / measuredMs in [0, 1]; null without a measured bucket. */
  share: number | null;
  /** Buckets with traffic, and those of them that missed a target. */
  buckets: number;
  missed: number;
}

export interface VendorFigures {
  requests: number;
  errors: number;
  /** null without events. */
  errorRate: number | null;
  /** null without a latency sample. */
  p95LatencyMs: number | null;
  costUsd: number;
  tokens: number;
  /** USD per 1,000 input + output tokens; null without tokens or without cost. */
  costPer1kTokens: number | null;
}

/** The compliance bucket of a row: its hour for minute and hour rows, its day for day rows. */
export function bucketOf(row: Pick<VendorRow, "tier" | "bucketStart">): { start: number; lengthMs: number } {
  const lengthMs = row.tier === "day" ? DAY_MS : HOUR_MS;
  return { start: Math.floor(row.bucketStart / lengthMs) * lengthMs, lengthMs };
}

/**
 * Rows merged into compliance buckets, by start. Rows are shared (held decoded by the db layer) and never
 * changed: a bucket of one row holds that row's aggregate as it is (an hour row is its own bucket, and copying
 * it would double the merges of a month), and a bucket of several merges them into a new aggregate.
 */
export function toBuckets(rows: Iterable<VendorRow>): Bucket[] {
  const byStart = new Map<number, { bucket: Bucket; owned: boolean }>();
  for (const row of rows) {
    const { start, lengthMs } = bucketOf(row);
    const held = byStart.get(start);
    if (!held) {
      byStart.set(start, { bucket: { start, lengthMs, agg: row.agg }, owned: false });
      continue;
    }
    if (!held.owned) {
      const own = emptyAggregate();
      mergeAggregateInto(own, held.bucket.agg);
      held.bucket.agg = own;
      held.owned = true;
    }
    mergeAggregateInto(held.bucket.agg, row.agg);
  }
  return [...byStart.values()].map((h) => h.bucket).sort((a, b) => a.start - b.start);
}

/** Whether one bucket met the targets; null when it had no traffic (left out). */
export function bucketMeets(agg: RollupAggregate, target: SlaTarget): boolean | null {
  if (agg.count === 0) return null;
  const p95 = agg.latencySketch && agg.latencyCount > 0 ? sketchQuantile(agg.latencySketch, 0.95) : null;
  const latencyOk = p95 === null || p95 <= target.latencyP95Ms;
  return latencyOk && agg.errors / agg.count <= target.maxErrorRate;
}

export function compliance(buckets: Iterable<Bucket>, target: SlaTarget): Compliance {
  let compliantMs = 0;
  let measuredMs = 0;
  let count = 0;
  let missed = 0;
  for (const bucket of buckets) {
    const meets = bucketMeets(bucket.agg, target);
    if (meets === null) continue;
    count++;
    measuredMs += bucket.lengthMs;
    if (meets) compliantMs += bucket.lengthMs;
    else missed++;
  }
  return { compliantMs, measuredMs, share: measuredMs > 0 ? compliantMs / measuredMs : null, buckets: count, missed };
}

/** The period's figures from its rows merged into one. */
export function figuresOf(agg: RollupAggregate): VendorFigures {
  const tokens = agg.inputTokens + agg.outputTokens;
  const p95 = agg.latencyCount > 0 ? sketchQuantile(agg.latencySketch ?? createSketch(), 0.95) : null;
  return {
    requests: agg.count,
    errors: agg.errors,
    errorRate: agg.count > 0 ? agg.errors / agg.count : null,
    p95LatencyMs: p95,
    costUsd: agg.costSum,
    tokens,
    costPer1kTokens: tokens > 0 && agg.costCount > 0 ? (agg.costSum / tokens) * 1000 : null,
  };
}
