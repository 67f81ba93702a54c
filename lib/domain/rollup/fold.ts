import type { TelemetryEvent } from "../event.ts";
import { addEvent, emptyAggregate, mergeAggregateInto } from "./aggregate.ts";
import { ALL_TRAFFIC, CardinalityGuard } from "./cardinality.ts";
import type { RollupEntry } from "./key.ts";
import { floorToTier, type RollupTier } from "./tiers.ts";

export interface FoldOptions {
  /** Decides segment keys and values; by default a fresh one (no values known yet). */
  guard?: CardinalityGuard;
}

/** Rows of each tier, by rollupKeyId. */
export type RowsByTier = Record<RollupTier, Map<string, RollupEntry>>;

export function emptyRowsByTier(): RowsByTier {
  return { minute: new Map(), hour: new Map(), day: new Map() };
}

const MINUTES: readonly RollupTier[] = ["minute"];

/**
 * Folds events into minute rows: for each event, the all-traffic row plus one row per segment dimension
 * (provider, model, variant when present, and every admitted key of `segments`). Events land in the minute
 * of their own timestamp, however late they arrive (DESIGN.md §5).
 */
export function foldEvents(events: Iterable<TelemetryEvent>, options: FoldOptions = {}): Map<string, RollupEntry> {
  return foldEventsByTier(events, options.guard ?? new CardinalityGuard(), () => MINUTES).minute;
}

/**
 * Folds each event into every tier `tiersOf` picks for its timestamp (ingest: `ingestTiers` — its minute and,
 * written through, its hour; a late event only the hour or day that holds its minute by now), adding to `into`
 * (a rebuild folds page after page into the same rows). The segment values are decided once per event and the
 * same in every tier, and events are decided in input order: the cardinality guard admits values first come,
 * first served, exactly as a minutes-only fold would.
 */
export function foldEventsByTier(
  events: Iterable<TelemetryEvent>,
  guard: CardinalityGuard,
  tiersOf: (ms: number) => readonly RollupTier[],
  into: RowsByTier = emptyRowsByTier(),
): RowsByTier {
  // The event's rows as (dimension, value) pairs, flat, reused from event to event.
  const segments: string[] = [];
  // Events written through (their minute and its hour) go to this call's own minute rows first; each of those is
  // then added to `into`'s minute row and to its hour row once, instead of every event twice. Merging is exact:
  // counts, sums, sketch bins and capped histograms add up the same either way (mergeAggregateInto).
  const writtenThrough = new Map<string, RollupEntry>();
  for (const e of events) {
    segments.length = 0;
    segmentsOf(e, guard, segments);
    const ms = e.timestamp.getTime();
    const tiers = tiersOf(ms);
    const through = tiers.length === 2 && tiers[0] === "minute" && tiers[1] === "hour";
    for (const tier of through ? MINUTES : tiers) {
      const rows = through ? writtenThrough : into[tier];
      const bucket = floorToTier(tier, ms);
      // The bucket part of every row id of this event, built once (rollupKeyId's form).
      const prefix = `${bucket}\u0000`;
      for (let i = 0; i < segments.length; i += 2) addToRow(rows, bucket, prefix, segments[i]!, segments[i + 1]!, e);
    }
  }
  for (const [id, entry] of writtenThrough) {
    const { bucketStart, dimension, value } = entry.key;
    const minute = into.minute.get(id);
    if (minute) mergeAggregateInto(minute.agg, entry.agg);
    else into.minute.set(id, entry); // this call's own: no one else holds it
    const hour = floorToTier("hour", bucketStart);
    const hourId = `${hour}\u0000${dimension}\u0000${value}`;
    let hourEntry = into.hour.get(hourId);
    if (!hourEntry) into.hour.set(hourId, (hourEntry = { key: { bucketStart: hour, dimension, value }, agg: emptyAggregate() }));
    mergeAggregateInto(hourEntry.agg, entry.agg);
  }
  return into;
}

/** Appends the event's rows as dimension, value: all traffic, then each segment dimension as the guard keys it. */
function segmentsOf(e: TelemetryEvent, guard: CardinalityGuard, out: string[]): void {
  out.push(ALL_TRAFFIC, ALL_TRAFFIC);
  if (e.provider !== undefined) out.push("provider", guard.valueFor("provider", e.provider));
  if (e.model !== undefined) out.push("model", guard.valueFor("model", e.model));
  if (e.variant !== undefined) out.push("variant", guard.valueFor("variant", e.variant));
  for (const segment in e.segments) {
    if (guard.admitsSegmentKey(segment)) out.push(segment, guard.valueFor(segment, e.segments[segment]!));
  }
}

function addToRow(rows: Map<string, RollupEntry>, bucket: number, prefix: string, dimension: string, value: string, e: TelemetryEvent): void {
  const id = `${prefix}${dimension}\u0000${value}`;
  let entry = rows.get(id);
  if (!entry) rows.set(id, (entry = { key: { bucketStart: bucket, dimension, value }, agg: emptyAggregate() }));
  addEvent(entry.agg, e);
}
