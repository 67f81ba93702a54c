import { addEmbedding, emptyAggregate, type EmbeddingSum } from "./aggregate.ts";
import { dict, mergeHistogramInto, RESPONSE_LENGTH, type Histogram } from "./histogram.ts";
import { rollupKeyId, type RollupEntry, type RollupKey } from "./key.ts";
import { floorToTier, type RollupTier } from "./tiers.ts";

// A rebuild recomputes rollups from raw events, but raw events do not hold everything a rollup does:
// - `rejected`: rejected events are counted, never stored;
// - `embedding`: embeddings are not stored per event (DESIGN.md §2), only their rollup sums;
// - the `response_length` histogram when the service does not store responses (privacy).
// Those parts are carried over from the rows being replaced onto the rebuilt rows of the same segment and
// bucket, or of the coarser bucket holding it (an hour row carries its minutes' parts while it keeps them:
// rebuild-rollups.ts), so a rebuild never loses what it cannot recompute.

export interface CarriedParts {
  tier: RollupTier;
  key: RollupKey;
  rejected: number;
  embedding: EmbeddingSum;
  /** Only when the service keeps no responses; otherwise the rebuild measures them again. */
  responseLength: Histogram | null;
}

export function hasCarriedParts(p: CarriedParts): boolean {
  return p.rejected > 0 || p.embedding.count > 0 || hasResponseLengths(p);
}

function hasResponseLengths(p: CarriedParts): p is CarriedParts & { responseLength: Histogram } {
  return p.responseLength !== null && Object.keys(p.responseLength).length > 0;
}

/**
 * Adds carried parts into rebuilt rows of tier `into` (in place), creating a row where the rebuild produced
 * none (a minute that only had rejected events). Rows of a finer tier land in the coarser bucket holding them.
 */
export function carryOver(rows: Map<string, RollupEntry>, into: RollupTier, carried: Iterable<CarriedParts>): void {
  for (const part of carried) {
    if (!hasCarriedParts(part)) continue;
    const key = { ...part.key, bucketStart: floorToTier(into, part.key.bucketStart) };
    const id = rollupKeyId(key);
    let entry = rows.get(id);
    if (!entry) rows.set(id, (entry = { key, agg: emptyAggregate() }));
    entry.agg.rejected += part.rejected;
    addEmbedding(entry.agg.embedding, part.embedding);
    // Only a histogram with counts: a row of rejected events alone must not gain an empty one.
    if (hasResponseLengths(part)) mergeHistogramInto((entry.agg.histograms[RESPONSE_LENGTH] ??= dict()), part.responseLength);
  }
}
