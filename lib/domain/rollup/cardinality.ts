import { OTHER } from "./histogram.ts";

// Segment cardinality (DESIGN.md §2): each dimension keeps at most 100 values per service, the rest fold into
// "(other)", so a high-cardinality key (a user id) cannot blow up the rollups; and a service has at most 32
// segment keys, the rest ignored, so a client cannot mint dimensions either. The guard is fed with what the
// rollups already hold and admits newcomers first come, first served while there is room: rollups are written
// as events arrive, so "the most frequent" can only be approximated by "the ones that were there first".

/** Dimensions every event has rows for (when the field is present); `*` is all traffic. */
export const ALL_TRAFFIC = "*";
export const BUILTIN_DIMENSIONS = ["provider", "model", "variant"] as const;
export { OTHER };

export interface CardinalityLimits {
  maxValuesPerDimension: number;
  maxSegmentKeys: number;
}

export const DEFAULT_CARDINALITY_LIMITS: CardinalityLimits = { maxValuesPerDimension: 100, maxSegmentKeys: 32 };

const RESERVED = new Set<string>([ALL_TRAFFIC, ...BUILTIN_DIMENSIONS]);

export function isBuiltinDimension(dimension: string): boolean {
  return RESERVED.has(dimension);
}

export class CardinalityGuard {
  private readonly known: Map<string, Set<string>>;
  private readonly limits: CardinalityLimits;
  private segmentKeys: number;

  /**
   * `known`: dimension → values the service's rollups already have (the "(other)" bucket is not a value).
   * The map is adopted, not copied: the guard adds what it admits, so a caller can keep it for the next batch.
   */
  constructor(known: Map<string, Set<string>> = new Map(), limits: CardinalityLimits = DEFAULT_CARDINALITY_LIMITS) {
    this.known = known;
    this.limits = limits;
    for (const values of known.values()) values.delete(OTHER);
    this.segmentKeys = [...known.keys()].filter((d) => !RESERVED.has(d)).length;
  }

  /**
   * Whether a segment key gets rows. Keys named like a built-in dimension never do: `model` is the event's
   * model, not a segment that happens to share its name.
   */
  admitsSegmentKey(key: string): boolean {
    if (RESERVED.has(key)) return false;
    if (this.known.has(key)) return true;
    if (this.segmentKeys >= this.limits.maxSegmentKeys) return false;
    this.segmentKeys++;
    this.known.set(key, new Set());
    return true;
  }

  /**
   * The value a row is keyed by: the value itself when known or when there is room, else "(other)". For a
   * segment key, ask admitsSegmentKey first.
   */
  valueFor(dimension: string, value: string): string {
    if (value === OTHER) return OTHER;
    let values = this.known.get(dimension);
    if (!values) {
      values = new Set();
      this.known.set(dimension, values);
    }
    if (values.has(value)) return value;
    if (values.size >= this.limits.maxValuesPerDimension) return OTHER;
    values.add(value);
    return value;
  }
}
