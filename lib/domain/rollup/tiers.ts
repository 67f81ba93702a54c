import { cloneAggregate, mergeAggregateInto } from "./aggregate.ts";
import { rollupKeyId, type RollupEntry } from "./key.ts";

// Rollup tiers (DESIGN.md §2): minute buckets for recent data, hour and day buckets for older data. Buckets
// are UTC: epoch milliseconds have no leap seconds and the epoch starts at midnight UTC, so flooring to a
// multiple of the tier's length gives UTC minutes, hours and days.
//
// The policy, by an event's bucket at `now` (the cutoffs are whole hours and whole days, see compactionCutoff):
// - the last 7 days (minute retention): the event's minute row AND its hour row — the hour tier is written
//   through, in the same transaction, so an hour row always holds all of its minutes and a long window reads
//   hour rows (one per hour) instead of sixty minute rows;
// - before that, back to the hour retention (90 days): the hour row only; compaction just deletes the minute rows
//   that the hour rows already hold;
// - before that: the day row only; compaction merges hour rows into day rows and deletes them.

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
 * Merges rows into the buckets of a coarser tier: the day row of a segment is the merge of its hour rows (and,
 * by write-through, an hour row is the merge of its minute rows). The inputs are not changed.
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
 * Rows of `tier` with a bucket before this instant are past their retention: minute rows are deleted (their
 * hour rows hold them already), hour rows are merged into day rows. The cut falls on a whole coarser bucket (a
 * minute row six days and 23.5 hours old waits for the rest of its hour), so the minute rows of an hour are
 * kept or cut together, and so are the hour rows of a day.
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

/** What is old enough to go: raw events, minute rows (held by hours), hour rows (once merged into days), days. */
export function retentionCutoffs(now: number, retention: RetentionConfig = DEFAULT_RETENTION): RetentionCutoffs {
  return {
    rawEvents: now - retention.rawEvents,
    minute: compactionCutoff("minute", now, retention),
    hour: compactionCutoff("hour", now, retention),
    day: retention.day === null ? null : floorToTier("day", now - retention.day),
  };
}

const MINUTE_AND_HOUR: readonly RollupTier[] = Object.freeze(["minute", "hour"]);
const HOUR_ONLY: readonly RollupTier[] = Object.freeze(["hour"]);
const DAY_ONLY: readonly RollupTier[] = Object.freeze(["day"]);

/**
 * The tiers a newly stored event with timestamp `ms` is folded into at `now`: its minute and its hour (the hour
 * tier is written through); only its hour once compaction has cut the minutes of that hour; only its day once
 * the hour is past the hour cutoff. Late events so land where on-time events and compaction would have put them
 * — the buckets of their own timestamp in every tier still kept — and never in a minute row that compaction
 * deletes. The cutoffs are compaction's own, so ingest, compaction, rebuild and feedback agree on every bucket.
 */
export function ingestTiers(ms: number, now: number, retention: RetentionConfig = DEFAULT_RETENTION): readonly RollupTier[] {
  if (ms < compactionCutoff("hour", now, retention)) return DAY_ONLY;
  if (ms < compactionCutoff("minute", now, retention)) return HOUR_ONLY;
  return MINUTE_AND_HOUR;
}

/**
 * The first hour a rebuild may recompute: raw events must cover the whole hour (they are only kept for the
 * raw retention), and the hour must not already be in the day tier. `from` (if given) moves it later.
 */
export function rebuildStart(now: number, retention: RetentionConfig = DEFAULT_RETENTION, from?: number): number {
  const earliest = Math.max(ceilToTier("hour", now - retention.rawEvents), compactionCutoff("hour", now, retention));
  return from === undefined ? earliest : Math.max(earliest, floorToTier("hour", from));
}
