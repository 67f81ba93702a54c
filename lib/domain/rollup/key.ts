import type { RollupAggregate } from "./aggregate.ts";

/** Which row of a tier: the bucket's start (ms since the epoch, UTC) and the segment; `*`/`*` is all traffic. */
export interface RollupKey {
  bucketStart: number;
  dimension: string;
  value: string;
}

export interface RollupEntry {
  key: RollupKey;
  agg: RollupAggregate;
}

/** A map key for a RollupKey; NUL cannot occur in a bucket number and separates any two strings unambiguously. */
export function rollupKeyId(key: RollupKey): string {
  return `${key.bucketStart}\u0000${key.dimension}\u0000${key.value}`;
}
