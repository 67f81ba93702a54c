import { ceilToTier, compactionCutoff, DEFAULT_RETENTION, floorToTier, type RetentionConfig, type RollupTier } from "./tiers.ts";

// Which rows a window reads (DESIGN.md §2: a score over any window reads O(buckets), never O(events)). The tiers
// hold, at `now` (tiers.ts): minute AND hour rows from the minute cutoff on (the hour tier is written through),
// hour rows only back to the hour cutoff, day rows before it. A window [from, to) counts every event whose
// bucket start lies in [from, to), once, at the finest granularity still kept there, from the coarsest rows that
// lie wholly inside the window:
// - from the minute cutoff on: whole hours from hour rows, the partial hours at the edges from minute rows;
// - between the cutoffs: the hour rows whose start lies in the window (minutes are gone; an edge hour that
//   starts before `from` is left out, one that starts before `to` is read whole);
// - before the hour cutoff: the days whose start lies in the window, each from its day row plus any of its hour
//   rows compaction has not merged yet. Until compaction catches up with the cutoff, a day's events are split
//   between the two (late events go to the day row at once), never in both: read together, they count once.
// Minute rows behind the minute cutoff that compaction has not deleted yet are never read: their hours hold them.

/** Rows of `tier` whose bucket starts in [from, to) (ms); both bounds lie on the tier's grid. */
export interface WindowPart {
  tier: RollupTier;
  from: number;
  to: number;
}

/**
 * The parts of a window [from, to) (ms) at `now` (the instant the stored tiers were cut at: the current time,
 * not the window's end). Parts of one tier are disjoint and ascending; adjacent ranges of a tier are merged, so
 * a 30-day window ending now is one hour range and one minute range (≈ 720 + 60 rows per segment).
 */
export function planWindow(from: number, to: number, now: number, retention: RetentionConfig = DEFAULT_RETENTION): WindowPart[] {
  const parts: WindowPart[] = [];
  if (!(from < to)) return parts;
  const minuteCut = compactionCutoff("minute", now, retention);
  const hourCut = compactionCutoff("hour", now, retention);

  // Days before the hour cutoff that start in the window: day rows, and the hour rows of the same days.
  const daysTo = Math.min(to, hourCut);
  add(parts, "day", from, daysTo);
  add(parts, "hour", ceilToTier("day", from), ceilToTier("day", daysTo));
  // Between the cutoffs: hour rows that start in the window.
  add(parts, "hour", Math.max(from, hourCut), Math.min(to, minuteCut));
  // From the minute cutoff on: whole hours from hour rows, the partial hours at either edge from minute rows.
  const recent = Math.max(from, minuteCut);
  if (recent < to) {
    const wholeFrom = ceilToTier("hour", recent);
    const wholeTo = floorToTier("hour", to);
    add(parts, "minute", recent, Math.min(wholeFrom, to));
    add(parts, "hour", wholeFrom, wholeTo);
    add(parts, "minute", Math.max(wholeFrom, wholeTo), to);
  }
  return parts;
}

/** Adds the rows of `tier` starting in [from, to), merged into the tier's previous range where they touch. */
function add(parts: WindowPart[], tier: RollupTier, from: number, to: number): void {
  const start = ceilToTier(tier, from);
  const end = ceilToTier(tier, to);
  if (start >= end) return;
  const last = parts.findLast((p) => p.tier === tier);
  if (last && last.to === start) last.to = end;
  else parts.push({ tier, from: start, to: end });
}
