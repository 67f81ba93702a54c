import type { TelemetryEvent } from "../event.ts";
import { addEvent, emptyAggregate } from "./aggregate.ts";
import { ALL_TRAFFIC, CardinalityGuard } from "./cardinality.ts";
import type { RollupEntry } from "./key.ts";
import { floorToTier, TIERS, type RollupTier } from "./tiers.ts";

export interface FoldOptions {
  /** Decides segment keys and values; by default a fresh one (no values known yet). */
  guard?: CardinalityGuard;
}

/** Rows of each tier, by rollupKeyId. */
export type RowsByTier = Record<RollupTier, Map<string, RollupEntry>>;

/**
 * Folds events into minute rows: for each event, the all-traffic row plus one row per segment dimension
 * (provider, model, variant when present, and every admitted key of `segments`). Events land in the minute
 * of their own timestamp, however late they arrive (DESIGN.md §5).
 */
export function foldEvents(events: Iterable<TelemetryEvent>, options: FoldOptions = {}): Map<string, RollupEntry> {
  const rows = new Map<string, RollupEntry>();
  foldEventsInto(rows, events, options.guard ?? new CardinalityGuard());
  return rows;
}

/** foldEvents into an existing map of one tier's rows (a rebuild folds page after page into one hour). */
export function foldEventsInto(rows: Map<string, RollupEntry>, events: Iterable<TelemetryEvent>, guard: CardinalityGuard, tier: RollupTier = "minute"): void {
  for (const e of events) foldEvent(rows, floorToTier(tier, e.timestamp.getTime()), e, guard);
}

/**
 * Folds events each into the tier `tierOf` picks for its timestamp (ingest: `ingestTier`, so a late event goes
 * straight to the hour or day that already holds its minute). Events are folded in input order across tiers:
 * the cardinality guard admits values first come, first served, exactly as a minutes-only fold would.
 */
export function foldEventsByTier(events: Iterable<TelemetryEvent>, guard: CardinalityGuard, tierOf: (ms: number) => RollupTier): RowsByTier {
  const rows = Object.fromEntries(TIERS.map((tier) => [tier, new Map<string, RollupEntry>()])) as RowsByTier;
  for (const e of events) {
    const ms = e.timestamp.getTime();
    const tier = tierOf(ms);
    foldEvent(rows[tier], floorToTier(tier, ms), e, guard);
  }
  return rows;
}

function foldEvent(rows: Map<string, RollupEntry>, bucket: number, e: TelemetryEvent, guard: CardinalityGuard): void {
  // The bucket part of every row id of this event, built once (rollupKeyId's form).
  const prefix = `${bucket}\u0000`;
  addToRow(rows, bucket, prefix, ALL_TRAFFIC, ALL_TRAFFIC, e);
  if (e.provider !== undefined) addToRow(rows, bucket, prefix, "provider", guard.valueFor("provider", e.provider), e);
  if (e.model !== undefined) addToRow(rows, bucket, prefix, "model", guard.valueFor("model", e.model), e);
  if (e.variant !== undefined) addToRow(rows, bucket, prefix, "variant", guard.valueFor("variant", e.variant), e);
  for (const segment in e.segments) {
    if (guard.admitsSegmentKey(segment)) addToRow(rows, bucket, prefix, segment, guard.valueFor(segment, e.segments[segment]!), e);
  }
}

function addToRow(rows: Map<string, RollupEntry>, bucket: number, prefix: string, dimension: string, value: string, e: TelemetryEvent): void {
  const id = `${prefix}${dimension}\u0000${value}`;
  let entry = rows.get(id);
  if (!entry) rows.set(id, (entry = { key: { bucketStart: bucket, dimension, value }, agg: emptyAggregate() }));
  addEvent(entry.agg, e);
}
