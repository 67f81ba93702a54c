import { cloneAggregate, mergeAggregateInto } from "./aggregate.ts";
import { rollupKeyId, type RollupEntry } from "./key.ts";

// Rollup tiers (DESIGN.md §2): minute buckets for recent data, hour and day buckets for older data. Buckets
// are UTC: epoch milliseconds have no leap seconds and the epoch starts at midnight UTC, so flooring to a
// multiple of the tier's length gives UTC minutes, hours and days.

export type RollupTier = "minute" | "hour" | "day";
export const TIERS: readonly RollupTier[] = ["minute", "hour", "day"];

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
export const TIER_MS: Readonly<Record<RollupTier, number>> = { minute: MINUTE_MS, hour: HOUR_MS, day: DAY_MS };

export function floorToTier(tier: RollupTier, ms: number): number {
  const size = TIER_MS[tier];
  return Math.floor(ms / size) * size;
}

export function ceilToTier(tier: RollupTier, ms: number): number {
  const size = TIER_MS[tier];
  return Math.ceil(ms / size) * size;
}

/** The tier that a tier's buckets compact into; days are the last. */
export function coarserTier(tier: RollupTier): RollupTier | null {
  return tier === "minute" ? "hour" : tier === "hour" ? "day" : null;
}

/**
 * Merges rows into the buckets of a coarser tier: the hour row of a segment is the merge of its minute rows.
 * The inputs are not changed.
 */
export function compactEntries(entries: Iterable<RollupEntry>, to: RollupTier): Map<string, RollupEntry> {
  const out = new Map<string, RollupEntry>();
  for (const { key, agg } of entries) {
    const coarse = { ...key, bucketStart: floorToTier(to, key.bucketStart) };
    const id = rollupKeyId(coarse);
    const existing = out.get(id);
    if (existing) mergeAggregateInto(existing.agg, agg);
    else out.set(id, { key: coarse, agg: cloneAggregate(agg) });
  }
  return out;
}

/** How long each kind of data is kept, in ms; `day: null` keeps day rows forever. */
export interface RetentionConfig {
  rawEvents: number;
  minute: number;
  hour: number;
  day: number | null;
}

export const DEFAULT_RETENTION: Readonly<RetentionConfig> = {
  rawEvents: 30 * DAY_MS,
  minute: 7 * DAY_MS,
  hour: 90 * DAY_MS,
  day: null,
};

/**
 * Rows of `tier` with a bucket before this instant are compacted into the coarser tier. Only whole coarser
 * buckets are compacted (a minute row six days and 23.5 hours old waits for the rest of its hour), so an hour
 * row never covers part of an hour that still has minute rows of its own.
 */
export function compactionCutoff(tier: "minute" | "hour", now: number, retention: RetentionConfig = DEFAULT_RETENTION): number {
  return floorToTier(coarserTier(tier)!, now - retention[tier]);
}

export interface RetentionCutoffs {
  /** Raw events with a timestamp before this are deleted. */
  rawEvents: number;
  minute: number;
  hour: number;
  /** null: day rows are kept forever. */
  day: number | null;
}

/** What is old enough to go: each tier's rows past their retention, once compacted into the next tier. */
export function retentionCutoffs(now: number, retention: RetentionConfig = DEFAULT_RETENTION): RetentionCutoffs {
  return {
    rawEvents: now - retention.rawEvents,
    minute: compactionCutoff("minute", now, retention),
    hour: compactionCutoff("hour", now, retention),
    day: retention.day === null ? null : floorToTier("day", now - retention.day),
  };
}

/**
 * The tier a newly stored event with timestamp `ms` is folded into at `now`: its minute, unless compaction has
 * already moved that minute's hour out of the minute tier (then the hour) or that hour's day out of the hour
 * tier (then the day). Late events so land where compaction would have put them — the bucket of their own
 * timestamp at the finest tier still kept — and never in a minute row that only the next compaction run would
 * merge up. The cutoffs are compaction's own, so ingest, compaction and rebuild agree on every bucket.
 */
export function ingestTier(ms: number, now: number, retention: RetentionConfig = DEFAULT_RETENTION): RollupTier {
  if (ms < compactionCutoff("hour", now, retention)) return "day";
  if (ms < compactionCutoff("minute", now, retention)) return "hour";
  return "minute";
}

/**
 * The first hour a rebuild may recompute: raw events must cover the whole hour (they are only kept for the
 * raw retention), and the hour must not already be in the day tier. `from` (if given) moves it later.
 */
export function rebuildStart(now: number, retention: RetentionConfig = DEFAULT_RETENTION, from?: number): number {
  const earliest = Math.max(ceilToTier("hour", now - retention.rawEvents), compactionCutoff("hour", now, retention));
  return from === undefined ? earliest : Math.max(earliest, floorToTier("hour", from));
}
