// The scoring engine (DESIGN.md §4–§6), pure: metric catalog, metric values from rollups, drift, the score,
// segment ranking, config types and templates. Config text (YAML/JSON) is parsed in lib/schemas/score-config.ts.
export * from "./catalog.ts";
export * from "./config.ts";
export * from "./drift.ts";
export * from "./metrics.ts";
export * from "./score.ts";
export * from "./segments.ts";
export * from "./templates.ts";
export * from "./report.ts";
