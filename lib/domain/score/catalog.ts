import { MISSING_FIELDS, type MissingField } from "../rollup/aggregate.ts";

// The metric names a score configuration may use (DESIGN.md §4). Parameterised families (`eval.<name>.mean`)
// take any name the service reports; the examples below are only a vocabulary for "did you mean" hints, which
// is also why they are the names the demo portfolio and the templates use.

export type MetricUnit = "ms" | "ratio" | "rpm" | "usd" | "tokens" | "value" | "distance" | "psi";
/** Which way is better, as a hint for UIs and templates; the config's good/bad order is what counts. */
export type MetricDirection = "lower" | "higher" | "either";

export type ParsedMetric =
  | { kind: "latency"; stat: LatencyStat }
  | { kind: "ttft"; stat: TtftStat }
  | { kind: "error.rate" | "throughput.rpm" | "cost.per_request" | "cost.total" | "tokens.per_request" }
  | { kind: "eval" | "feedback" | "outcome"; name: string }
  | { kind: "retrieval"; field: "precision" | "score" }
  | { kind: "drift.embedding" | "quality.rejected.rate" }
  | { kind: "drift.psi"; attribute: string }
  | { kind: "quality.missing"; field: MissingField };

export const LATENCY_STATS = ["p50", "p90", "p95", "p99", "mean"] as const;
export const TTFT_STATS = ["p50", "p95"] as const;
export type LatencyStat = (typeof LATENCY_STATS)[number];
export type TtftStat = (typeof TTFT_STATS)[number];

export interface MetricFamily {
  /** The name, with `<name>`-style placeholders for parameterised families. */
  pattern: string;
  unit: MetricUnit;
  direction: MetricDirection;
  description: string;
  /** Concrete names, for hints; fixed families list themselves. */
  examples: readonly string[];
}

const family = (pattern: string, unit: MetricUnit, direction: MetricDirection, description: string, examples: readonly string[] = [pattern]): MetricFamily =>
  ({ pattern, unit, direction, description, examples });
const each = (prefix: string, names: readonly string[], suffix: string) => names.map((n) => `${prefix}${n}${suffix}`);

export const METRIC_CATALOG: readonly MetricFamily[] = [
  ...LATENCY_STATS.map((s) =>
    family(`latency.${s}`, "ms", "lower", s === "mean" ? "Mean end-to-end latency of the events that report it." : `${s.slice(1)}th percentile of end-to-end latency.`)),
  ...TTFT_STATS.map((s) => family(`ttft.${s}`, "ms", "lower", `${s.slice(1)}th percentile of time to first token.`)),
  family("error.rate", "ratio", "lower", "Share of events with status error (every event counts)."),
  family("throughput.rpm", "rpm", "higher", "Events per minute over the window (every event counts)."),
  family("cost.per_request", "usd", "lower", "Mean cost in USD of the events that report a cost."),
  family("cost.total", "usd", "lower", "Total cost in USD over the window."),
  family("tokens.per_request", "tokens", "lower", "Mean input + output tokens of the events that report tokens."),
  family("eval.<name>.mean", "ratio", "either",
    "Mean of an LLM-judge eval in [0, 1]; a boolean eval's mean is its rate (eval.hallucination.mean is the hallucination rate: lower is better).",
    each("eval.", ["relevance", "hallucination", "faithfulness", "toxicity", "correctness", "field_accuracy", "pii_leak"], ".mean")),
  family("feedback.<name>.mean", "value", "higher", "Mean of a human rating (thumbs_up 0/1, csat 1–5) over the events that carry it.",
    each("feedback.", ["thumbs_up", "csat"], ".mean")),
  family("outcome.<name>.rate", "ratio", "higher", "Share of true among the events that report this business outcome.",
    each("outcome.", ["ticket_resolved", "answer_accepted", "extraction_correct", "copy_published"], ".rate")),
  family("retrieval.precision.mean", "ratio", "higher", "Mean retrieval precision of RAG events."),
  family("retrieval.score.mean", "value", "higher", "Mean retrieval score of RAG events."),
  family("drift.embedding", "distance", "lower", "Cosine distance between the window's embedding centroid and the baseline's (0 = same direction, 2 = opposite)."),
  family("drift.<attribute>.psi", "psi", "lower", "Population stability index of an attribute's distribution against the baseline (< 0.1 stable, > 0.25 shifted).",
    each("drift.", ["language", "channel", "response_length"], ".psi")),
  family("quality.rejected.rate", "ratio", "lower", "Events rejected at ingest / (accepted + rejected)."),
  family("quality.missing.<field>.rate", "ratio", "lower", `Share of events missing a field: ${MISSING_FIELDS.join(", ")}.`,
    each("quality.missing.", MISSING_FIELDS, ".rate")),
];

const FIXED: Readonly<Record<string, ParsedMetric>> = {
  ...Object.fromEntries(LATENCY_STATS.map((stat) => [`latency.${stat}`, { kind: "latency", stat }])),
  ...Object.fromEntries(TTFT_STATS.map((stat) => [`ttft.${stat}`, { kind: "ttft", stat }])),
  "error.rate": { kind: "error.rate" },
  "throughput.rpm": { kind: "throughput.rpm" },
  "cost.per_request": { kind: "cost.per_request" },
  "cost.total": { kind: "cost.total" },
  "tokens.per_request": { kind: "tokens.per_request" },
  "retrieval.precision.mean": { kind: "retrieval", field: "precision" },
  "retrieval.score.mean": { kind: "retrieval", field: "score" },
  "drift.embedding": { kind: "drift.embedding" },
  "quality.rejected.rate": { kind: "quality.rejected.rate" },
};

/** Families with a parameter between a prefix and a suffix; the middle may contain dots (eval "a.b" → eval.a.b.mean). */
const PARAMETERISED: ReadonlyArray<{ prefix: string; suffix: string; placeholder: string; make: (middle: string) => ParsedMetric | null }> = [
  { prefix: "eval.", suffix: ".mean", placeholder: "<name>", make: (name) => ({ kind: "eval", name }) },
  { prefix: "feedback.", suffix: ".mean", placeholder: "<name>", make: (name) => ({ kind: "feedback", name }) },
  { prefix: "outcome.", suffix: ".rate", placeholder: "<name>", make: (name) => ({ kind: "outcome", name }) },
  { prefix: "drift.", suffix: ".psi", placeholder: "<attribute>", make: (attribute) => ({ kind: "drift.psi", attribute }) },
  {
    prefix: "quality.missing.", suffix: ".rate", placeholder: "<field>",
    make: (f) => ((MISSING_FIELDS as readonly string[]).includes(f) ? { kind: "quality.missing", field: f as MissingField } : null),
  },
];

function matchFamily(name: string): { metric: ParsedMetric; pattern: string } | null {
  if (Object.hasOwn(FIXED, name)) return { metric: FIXED[name]!, pattern: name };
  for (const { prefix, suffix, placeholder, make } of PARAMETERISED) {
    if (name.length > prefix.length + suffix.length && name.startsWith(prefix) && name.endsWith(suffix)) {
      const metric = make(name.slice(prefix.length, name.length - suffix.length));
      return metric && { metric, pattern: `${prefix}${placeholder}${suffix}` };
    }
  }
  return null;
}

/** The metric a name denotes, or null when it is not in the catalog. */
export function parseMetric(name: string): ParsedMetric | null {
  return matchFamily(name)?.metric ?? null;
}

/** The catalog entry of a metric name (for its unit and direction), or null for an unknown name. */
export function metricFamily(name: string): MetricFamily | null {
  const match = matchFamily(name);
  return match && (METRIC_CATALOG.find((f) => f.pattern === match.pattern) ?? null);
}

/** Every concrete name of the catalog: fixed metrics and the examples of parameterised ones. */
export const METRIC_VOCABULARY: readonly string[] = METRIC_CATALOG.flatMap((f) => f.examples);

export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      row.push(Math.min(prev[j]! + 1, row[j - 1]! + 1, substitution));
    }
    prev = row;
  }
  return prev[b.length]!;
}

/**
 * Known names closest to `name`, nearest first (ties by name). Besides the vocabulary, the middle of a dotted
 * name is tried in every parameterised family, so "evals.brand_voice.mean" suggests "eval.brand_voice.mean"
 * although brand_voice is in no list.
 */
export function suggestMetrics(name: string, known: Iterable<string> = [], limit = 3): string[] {
  const candidates = new Set([...METRIC_VOCABULARY, ...known]);
  const parts = name.split(".");
  if (parts.length >= 3) {
    const middle = parts.slice(1, -1).join(".");
    for (const { prefix, suffix, make } of PARAMETERISED) if (make(middle)) candidates.add(`${prefix}${middle}${suffix}`);
  }
  candidates.delete(name);
  // Beyond a third of the name's length a "suggestion" is a different metric, not a typo.
  const limitDistance = Math.max(2, Math.ceil(name.length / 3));
  return [...candidates]
    .map((c) => [c, levenshtein(name, c)] as const)
    .filter(([, d]) => d <= limitDistance)
    .sort(([a, da], [b, db]) => da - db || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, limit)
    .map(([c]) => c);
}

/**
 * A well-formed name that is probably a typo of a known one: not known itself, and within an edit distance of
 * 2 of a known name whose parameter is at least twice that long ("relevence" → "relevance", but "csat" is not
 * taken for a typo of "cast"). Returns the known name, or null.
 */
export function nearMiss(name: string, known: Iterable<string> = []): string | null {
  const vocabulary = new Set([...METRIC_VOCABULARY, ...known]);
  if (vocabulary.has(name) || !parseMetric(name)) return null;
  let best: [string, number] | null = null;
  for (const candidate of vocabulary) {
    const d = levenshtein(name, candidate);
    const parameter = candidate.split(".").slice(1, -1).join(".");
    if (d <= 2 && 2 * d < parameter.length && (!best || d < best[1])) best = [candidate, d];
  }
  return best?.[0] ?? null;
}
