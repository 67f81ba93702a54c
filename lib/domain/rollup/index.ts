// Rollups (DESIGN.md §2), pure: the aggregate of a row, folding events into the tiers' rows, tiers and
// compaction, window plans, cardinality caps, drift histograms, latency sketches. Storage is in lib/db/rollups.ts
// and lib/db/rollup-window.ts.
export * from "./aggregate.ts";
export * from "./cardinality.ts";
export * from "./carry-over.ts";
export * from "./fold.ts";
export * from "./histogram.ts";
export * from "./key.ts";
export * from "./sketch.ts";
export * from "./tiers.ts";
export * from "./window.ts";
