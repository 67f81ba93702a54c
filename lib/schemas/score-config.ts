import { isMap, isSeq, Document, LineCounter, parseDocument } from "yaml";
import { z } from "zod";
import {
  AGGREGATIONS, canonicalConfig, configMetrics, DEFAULT_MIN_SAMPLES, DEFAULT_THRESHOLDS, formatDuration, levenshtein, METRIC_CATALOG,
  metricFamily, nearMiss, NO_DATA_POLICIES, parseDuration, parseMetric, SCORE_TEMPLATES, suggestMetrics, type ScoreConfig,
} from "@/lib/domain/score/index.ts";

// A service's score configuration (DESIGN.md §6) from YAML or JSON text, with errors a person can act on: each
// names the path, says what is wrong and, where a likely intent exists, suggests it ("did you mean 80?").
// The parsed config is the domain's ScoreConfig (durations in ms, defaults filled in); toYaml/toJson write it
// back in canonical key order so that parse(toYaml(c)) equals c.

export type ScoreConfigFormat = "yaml" | "json";
export interface ConfigIssue {
  /** "components.1.weight"; "(root)" for the document as a whole. */
  path: string;
  message: string;
  /** 1-based line in the text, when it can be located. */
  line?: number;
}
export type ParseScoreConfigResult = { ok: true; config: ScoreConfig } | { ok: false; errors: ConfigIssue[] };
export interface ScoreConfigOptions {
  /** Metric names the service reports (from its rollups); they widen the vocabulary typos are checked against. */
  knownMetrics?: Iterable<string>;
}

const KEYS: Record<string, readonly string[]> = {
  "": ["service", "window", "minSamples", "aggregation", "components", "floors", "thresholds", "alerting", "segments", "shadow"],
  "components.*": ["metric", "weight", "good", "bad"],
  "floors.*": ["metric", "above", "below", "cap"],
  thresholds: ["warning", "critical"],
  alerting: ["for", "hysteresis", "noData", "routes", "renotify"],
  "alerting.routes": ["warning", "critical"],
};
const MAX_TEXT = 256 * 1024;
const TEMPLATE_METRICS = Object.values(SCORE_TEMPLATES).flatMap((t) => configMetrics(t.config));
const num = (x: number) => String(Number(x.toPrecision(12)));
const oneOf = (xs: readonly string[]) => (xs.length === 1 ? xs[0]! : `${xs.slice(0, -1).join(", ")} or ${xs.at(-1)}`);
const strict = <T extends z.ZodRawShape>(shape: T, what: string) =>
  z.strictObject(shape, { error: (iss) => (iss.code === "invalid_type" ? `Expected ${what}.` : undefined) });
const number = (what: string) => z.number({ error: `Expected ${what} as a number.` }).finite(`Expected ${what} as a finite number.`);

function duration(what: string, { min, max }: { min: number; max: number }) {
  const hint = `Expected ${what} as a duration such as 5m, 1h, 24h or 7d`;
  return z.string({ error: `${hint} (a bare number has no unit).` }).transform((text, ctx) => {
    const ms = parseDuration(text);
    const fail = (message: string) => (ctx.addIssue({ code: "custom", message }), z.NEVER);
    if (ms === null) return fail(`${hint}; "${text}" is not one.`);
    if (ms % 60_000 !== 0) return fail(`Use whole minutes for ${what}: rollups and the evaluator work minute by minute.`);
    if (ms < min || ms > max) return fail(`${what} must be between ${formatDuration(min)} and ${formatDuration(max)}.`);
    return ms;
  });
}

function metricName(known: readonly string[]) {
  return z.string({ error: "Expected a metric name, e.g. latency.p95." }).superRefine((name, ctx) => {
    if (!parseMetric(name)) {
      const near = suggestMetrics(name, known);
      const hint = near.length > 0 ? `Did you mean ${oneOf(near)}?` : `Metrics: ${METRIC_CATALOG.map((f) => f.pattern).join(", ")}.`;
      ctx.addIssue({ code: "custom", message: `Unknown metric "${name}". ${hint}` });
      return;
    }
    const typo = nearMiss(name, known);
    if (typo) ctx.addIssue({ code: "custom", message: `Unknown metric "${name}". Did you mean ${typo}?` });
  });
}

// Scores are 0–100; a threshold ≤ 1 or a cap below 1 is almost always a fraction meant as a percentage.
const percentHint = (what: string, v: number) => `${what} is on the 0–100 scale: did you mean ${num(v * 100)}?`;
const Threshold = (name: string) =>
  number(`thresholds.${name}`).superRefine((v, ctx) => {
    const what = `thresholds.${name}`;
    if (v > 0 && v <= 1) ctx.addIssue({ code: "custom", message: percentHint(what, v) });
    else if (v <= 1 || v > 100) ctx.addIssue({ code: "custom", message: `${what} must be above 1 and at most 100.` });
  });
const Cap = number("cap").superRefine((v, ctx) => {
  if (v > 0 && v < 1) ctx.addIssue({ code: "custom", message: percentHint("cap", v) });
  else if (v < 0 || v > 100) ctx.addIssue({ code: "custom", message: "cap must be between 0 and 100." });
});

/** Rates and evals are shares in [0, 1]: an error.rate bound of 5 almost always means 5 %, and would never trip. */
function shareIssues(metric: string, bounds: Record<string, number | undefined>) {
  if (metricFamily(metric)?.unit !== "ratio") return [];
  return Object.entries(bounds).flatMap(([key, v]) => {
    if (v === undefined || (v >= 0 && v <= 1)) return [];
    const hint = v > 1 && v <= 100 ? `: did you mean ${num(v / 100)}?` : ".";
    return [{ code: "custom" as const, path: [key], message: `${metric} is a share between 0 and 1${hint}` }];
  });
}

/** The schema of a config; `options.knownMetrics` adds the service's own metric names to the vocabulary. */
export function scoreConfigSchema(options: ScoreConfigOptions = {}) {
  const known = [...TEMPLATE_METRICS, ...(options.knownMetrics ?? [])];
  const Component = strict({
    metric: metricName(known),
    weight: number("weight").nonnegative("Weights must be ≥ 0 (0 keeps a component for display only)."),
    good: number("good"),
    bad: number("bad"),
  }, "a component: { metric, weight, good, bad }").superRefine((c, ctx) => {
    if (c.good === c.bad) {
      ctx.addIssue({ code: "custom", path: ["bad"], message: `good and bad are both ${num(c.good)}: they must differ (good < bad means lower is better).` });
    }
    for (const issue of shareIssues(c.metric, { good: c.good, bad: c.bad })) ctx.addIssue(issue);
  });
  const Floor = strict({
    metric: metricName(known),
    above: number("above").optional(),
    below: number("below").optional(),
    cap: Cap,
  }, "a floor: { metric, above or below, cap }").superRefine((f, ctx) => {
    if ((f.above === undefined) === (f.below === undefined)) {
      ctx.addIssue({ code: "custom", message: "A floor has exactly one of above or below, e.g. { metric: error.rate, above: 0.2, cap: 40 }." });
    }
    for (const issue of shareIssues(f.metric, { above: f.above, below: f.below })) ctx.addIssue(issue);
  });
  const Route = z.array(z.string().trim().min(1, "Channel names are not empty."), { error: "Expected a list of channel names." });

  return strict({
    service: z.string({ error: "Expected service: the service's slug, e.g. service: support-chatbot." })
      .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "Expected a service slug: lowercase letters, digits and dashes."),
    window: duration("window", { min: 60_000, max: 90 * 86_400_000 }).default(3_600_000),
    minSamples: number("minSamples").int("minSamples is a whole number.").min(1, "minSamples must be at least 1.").default(DEFAULT_MIN_SAMPLES),
    aggregation: z.enum(AGGREGATIONS, { error: (iss) => `Unknown aggregation "${String(iss.input)}". Choose ${oneOf(AGGREGATIONS)}.` })
      .default("weighted_mean"),
    components: z.array(Component, { error: "Expected components: a list of { metric, weight, good, bad }." })
      .min(1, "Add at least one component.")
      .superRefine((components, ctx) => {
        // With a negative weight the sum says nothing: that weight's own message is the one to act on.
        if (components.every((c) => c.weight >= 0) && components.reduce((s, c) => s + c.weight, 0) === 0) {
          ctx.addIssue({ code: "custom", message: "The weights add up to 0: give at least one component a positive weight." });
        }
        components.forEach((c, i) => {
          if (components.findIndex((o) => o.metric === c.metric) < i) {
            ctx.addIssue({ code: "custom", path: [i, "metric"], message: `${c.metric} is already a component; list each metric once.` });
          }
        });
      }),
    floors: z.array(Floor, { error: "Expected floors: a list of { metric, above or below, cap }." }).default([]),
    thresholds: strict({ warning: Threshold("warning"), critical: Threshold("critical") }, "thresholds: { warning, critical }")
      .superRefine((t, ctx) => {
        // A threshold ≤ 1 already has its "did you mean" hint; comparing it would only add noise.
        if (t.warning > 1 && t.critical > 1 && t.warning < t.critical) {
          ctx.addIssue({ code: "custom", path: ["warning"], message: `warning (${num(t.warning)}) is below critical (${num(t.critical)}): warning must be ≥ critical, e.g. warning: 80, critical: 60.` });
        }
      })
      .default({ ...DEFAULT_THRESHOLDS }),
    alerting: strict({
      for: duration("alerting.for", { min: 0, max: 86_400_000 }).default(300_000),
      hysteresis: number("hysteresis").min(0, "hysteresis is ≥ 0 points.").max(50, "hysteresis is at most 50 points.").default(0),
      noData: z.enum(NO_DATA_POLICIES, { error: (iss) => `Unknown noData policy "${String(iss.input)}". Choose ${oneOf(NO_DATA_POLICIES)}.` }).default("keep"),
      routes: strict({ warning: Route.default([]), critical: Route.default([]) }, "routes: { warning: [...], critical: [...] }")
        .default({ warning: [], critical: [] }),
      renotify: duration("alerting.renotify", { min: 60_000, max: 7 * 86_400_000 }).nullable().default(null),
    }, "alerting: { for, hysteresis, noData, routes, renotify }")
      .default({ for: 300_000, hysteresis: 0, noData: "keep", routes: { warning: [], critical: [] }, renotify: null }),
    segments: z.array(z.string().trim().min(1, "Segment names are not empty."), { error: "Expected segments: a list of dimensions, e.g. [provider, model]." })
      .refine((s) => new Set(s).size === s.length, "Each segment dimension once.")
      .default([]),
    shadow: z.boolean({ error: "Expected shadow: true or false." }).default(false),
  }, "a config: a mapping with at least service and components");
}

export const ScoreConfigSchema = scoreConfigSchema();
// The schema must produce exactly the domain's type: a field added on one side only fails the build here.
type Parsed = z.output<typeof ScoreConfigSchema>;
const _sameShape: [Parsed] extends [ScoreConfig] ? ([ScoreConfig] extends [Parsed] ? true : false) : false = true;

/** Parses config text; YAML by default (a JSON document is YAML too), `json` for strict JSON. */
export function parseScoreConfig(text: string, format: ScoreConfigFormat = "yaml", options: ScoreConfigOptions = {}): ParseScoreConfigResult {
  if (text.length > MAX_TEXT) return { ok: false, errors: [{ path: "(root)", message: "A config is at most 256 KiB." }] };
  const lineCounter = new LineCounter();
  // Parsed lazily: a valid JSON config (every stored version, read on each score) never needs the YAML tree.
  let parsedDoc: ReturnType<typeof parseDocument> | undefined;
  const doc = () => (parsedDoc ??= parseDocument(text, { lineCounter, prettyErrors: false }));
  const lineAt = (offset: number) => (doc(), lineCounter.linePos(offset));
  let data: unknown;
  if (format === "json") {
    try {
      data = JSON.parse(text);
    } catch (e) {
      const message = (e as Error).message;
      const offset = /position (\d+)/.exec(message)?.[1];
      const at = offset === undefined ? null : lineAt(Number(offset));
      const what = message.replace(/\s*(in JSON )?at position \d+.*$/, "");
      return { ok: false, errors: [{ path: "(root)", message: at ? `Line ${at.line}, column ${at.col}: ${what}` : `Not valid JSON: ${what}`, line: at?.line }] };
    }
  } else {
    if (doc().errors.length > 0) {
      return {
        ok: false,
        errors: doc().errors.map((e) => {
          const at = lineAt(e.pos[0]);
          return { path: "(root)", message: `Line ${at.line}, column ${at.col}: ${e.message}`, line: at.line };
        }),
      };
    }
    try {
      data = doc().toJS(); // caps alias expansion (maxAliasCount 100): a "billion laughs" document throws
    } catch (e) {
      return { ok: false, errors: [{ path: "(root)", message: `The YAML cannot be read: ${(e as Error).message}` }] };
    }
  }
  if (data === null || data === undefined) {
    return { ok: false, errors: [{ path: "(root)", message: "The config is empty: it needs at least service and components." }] };
  }
  const parsed = scoreConfigSchema(options).safeParse(data);
  if (parsed.success) return { ok: true, config: parsed.data };
  const locate = (path: readonly PropertyKey[]): number | undefined => {
    if (doc().errors.length > 0) return undefined;
    for (let n = path.length; n > 0; n--) {
      const node = doc().getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
      if (node?.range) return lineAt(node.range[0]).line;
    }
    return undefined;
  };
  const errors: ConfigIssue[] = [];
  for (const issue of parsed.error.issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        const path = [...issue.path, key];
        errors.push({ path: pathOf(path), message: unknownKey(key, issue.path), line: locate(path) });
      }
    } else errors.push({ path: pathOf(issue.path), message: issue.message, line: locate(issue.path) });
  }
  return { ok: false, errors };
}

function pathOf(path: readonly PropertyKey[]): string {
  return path.length === 0 ? "(root)" : path.map(String).join(".");
}

function unknownKey(key: string, at: readonly PropertyKey[]): string {
  const allowed = KEYS[at.map((p) => (typeof p === "number" ? "*" : String(p))).join(".")] ?? [];
  const squash = (s: string) => s.toLowerCase().replace(/[-_]/g, "");
  const near = allowed.find((k) => squash(k) === squash(key)) ?? allowed.find((k) => levenshtein(k, key) <= 2);
  return `Unknown key "${key}". ${near ? `Did you mean ${near}?` : `Known keys: ${allowed.join(", ")}.`}`;
}

export function toJson(config: ScoreConfig): string {
  return `${JSON.stringify(canonicalConfig(config), null, 2)}\n`;
}

/** YAML laid out as DESIGN.md §6 writes it: one component or floor per line, short lists inline. */
export function toYaml(config: ScoreConfig): string {
  const doc = new Document(canonicalConfig(config));
  for (const key of ["components", "floors"]) {
    const list = doc.get(key);
    if (isSeq(list)) for (const item of list.items) if (isMap(item)) item.flow = true;
  }
  for (const path of [["thresholds"], ["segments"], ["alerting", "routes"]]) {
    const node = doc.getIn(path);
    if (isMap(node) || isSeq(node)) node.flow = true;
  }
  return doc.toString({ lineWidth: 0 });
}
