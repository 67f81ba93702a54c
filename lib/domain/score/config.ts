// A service's score configuration (DESIGN.md §6) as the domain sees it: durations in ms, every default filled
// in. lib/schemas/score-config.ts parses YAML/JSON text into exactly this shape (it checks so at compile time)
// and writes it back; the scoring functions take the ScoringRules subset.

export const AGGREGATIONS = ["weighted_mean", "weighted_geometric", "worst"] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];

export const NO_DATA_POLICIES = ["keep", "ok", "alert"] as const;
/** What an alert does while the score is null: keep its state, resolve, or fire. */
export type NoDataPolicy = (typeof NO_DATA_POLICIES)[number];

export interface ScoreComponentConfig {
  metric: string;
  weight: number;
  /** good ≠ bad; their order gives the direction (good < bad: lower is better). */
  good: number;
  bad: number;
}

/** A guard rail: when the metric is above (or below) the bound, the score is capped at `cap`. Exactly one bound. */
export interface ScoreFloorConfig {
  metric: string;
  above?: number;
  below?: number;
  cap: number;
}

export interface ScoreThresholds {
  /** S ≥ warning is healthy. */
  warning: number;
  /** critical ≤ S < warning is warning; below is critical. */
  critical: number;
}

export interface AlertingConfig {
  /** How long a condition must hold before the alert fires, ms. */
  for: number;
  /** Points above the threshold the score must regain before the alert resolves. */
  hysteresis: number;
  noData: NoDataPolicy;
  /** Channel names per severity. */
  routes: { warning: string[]; critical: string[] };
  /** Re-send a firing, unacknowledged alert this often, ms; null: notify once. */
  renotify: number | null;
}

export interface ScoreConfig {
  service: string;
  /** Window length, ms. */
  window: number;
  minSamples: number;
  aggregation: Aggregation;
  components: ScoreComponentConfig[];
  floors: ScoreFloorConfig[];
  thresholds: ScoreThresholds;
  alerting: AlertingConfig;
  /** Dimensions to score segment by segment: provider, model, variant or a segments key. */
  segments: string[];
  /** A shadow config raises alerts that are shown but never delivered. */
  shadow: boolean;
}

/** What the score itself needs. */
export type ScoringRules = Pick<ScoreConfig, "minSamples" | "aggregation" | "components" | "floors" | "thresholds">;

export const DEFAULT_MIN_SAMPLES = 30;
export const DEFAULT_THRESHOLDS: Readonly<ScoreThresholds> = { warning: 80, critical: 60 };

/** Every metric a config reads: components first, then floors, without repeats. */
export function configMetrics(rules: Pick<ScoringRules, "components" | "floors">): string[] {
  return [...new Set([...rules.components.map((c) => c.metric), ...rules.floors.map((f) => f.metric)])];
}

/**
 * The config as plain data in canonical key order (the order of DESIGN.md §6), durations as text: what config
 * files and the stored canonical JSON contain. A floor carries only the bound it has.
 */
export function canonicalConfig(config: ScoreConfig) {
  const { alerting: a } = config;
  return {
    service: config.service,
    window: formatDuration(config.window),
    minSamples: config.minSamples,
    aggregation: config.aggregation,
    components: config.components.map(({ metric, weight, good, bad }) => ({ metric, weight, good, bad })),
    floors: config.floors.map(({ metric, above, below, cap }) => ({
      metric, ...(above !== undefined ? { above } : {}), ...(below !== undefined ? { below } : {}), cap,
    })),
    thresholds: { warning: config.thresholds.warning, critical: config.thresholds.critical },
    alerting: {
      for: formatDuration(a.for), hysteresis: a.hysteresis, noData: a.noData,
      routes: { warning: [...a.routes.warning], critical: [...a.routes.critical] },
      ...(a.renotify !== null ? { renotify: formatDuration(a.renotify) } : {}),
    },
    segments: [...config.segments],
    shadow: config.shadow,
  };
}

// Durations as configs write them: a whole number and one unit, "30s", "5m", "1h", "24h", "7d".
const UNIT_MS = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1_000 } as const;
const DURATION = /^(\d{1,9})\s*([smhd])$/;

/** "5m" → 300000; null when the text is not a duration. */
export function parseDuration(text: string): number | null {
  const match = DURATION.exec(text.trim());
  if (!match) return null;
  return Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
}

/** The shortest exact form: 86400000 → "1d", 5400000 → "90m"; parseDuration(formatDuration(ms)) === ms. */
export function formatDuration(ms: number): string {
  for (const [unit, size] of Object.entries(UNIT_MS)) {
    if (ms > 0 && ms % size === 0) return `${ms / size}${unit}`;
  }
  return ms === 0 ? "0m" : `${Math.round(ms / 1000)}s`;
}
