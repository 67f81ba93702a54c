import { stringify } from "yaml";
import { canonicalConfig, formatDuration, type ScoreConfig } from "@/lib/domain/score/config.ts";
import { parseScoreConfig, toYaml, type ConfigIssue } from "@/lib/schemas/score-config.ts";

// The editor's form state and its two-way mapping to config text. The form keeps what the person typed
// (numbers as text), so a half-typed "0." is not lost; the text it produces keeps a field that is not a number
// as a string, and the config schema then says what is wrong with it, by path. parseScoreConfig is the only
// validator: the form and the YAML view show the same errors.

export interface FormComponent { metric: string; weight: string; good: string; bad: string }
export interface FormFloor { metric: string; bound: "above" | "below"; value: string; cap: string }

export interface ConfigForm {
  service: string;
  window: string;
  minSamples: string;
  aggregation: string;
  components: FormComponent[];
  floors: FormFloor[];
  warning: string;
  critical: string;
  alertFor: string;
  hysteresis: string;
  noData: string;
  /** Channel names, comma-separated. */
  routesWarning: string;
  routesCritical: string;
  /** Empty: notify once. */
  renotify: string;
  /** Dimensions, comma-separated. */
  segments: string;
  shadow: boolean;
}

const text = (n: number) => String(n);

export function formFromConfig(config: ScoreConfig): ConfigForm {
  const c = canonicalConfig(config);
  return {
    service: c.service,
    window: c.window,
    minSamples: text(c.minSamples),
    aggregation: c.aggregation,
    components: c.components.map((x) => ({ metric: x.metric, weight: text(x.weight), good: text(x.good), bad: text(x.bad) })),
    floors: config.floors.map((f) => ({
      metric: f.metric, bound: f.above !== undefined ? "above" : "below", value: text(f.above ?? f.below ?? 0), cap: text(f.cap),
    })),
    warning: text(c.thresholds.warning),
    critical: text(c.thresholds.critical),
    alertFor: c.alerting.for,
    hysteresis: text(c.alerting.hysteresis),
    noData: c.alerting.noData,
    routesWarning: c.alerting.routes.warning.join(", "),
    routesCritical: c.alerting.routes.critical.join(", "),
    renotify: config.alerting.renotify === null ? "" : formatDuration(config.alerting.renotify),
    segments: c.segments.join(", "),
    shadow: c.shadow,
  };
}

/** A number when the text is one; otherwise the text itself, so the schema reports "Expected … as a number". */
function numberOrText(value: string): number | string {
  const trimmed = value.trim();
  return trimmed !== "" && Number.isFinite(Number(trimmed)) ? Number(trimmed) : value;
}
const list = (value: string) => value.split(",").map((s) => s.trim()).filter((s) => s !== "");

/** The form as config data, in canonical key order (what a config file would contain). */
export function formToData(form: ConfigForm) {
  return {
    service: form.service,
    window: form.window,
    minSamples: numberOrText(form.minSamples),
    aggregation: form.aggregation,
    components: form.components.map((c) => ({ metric: c.metric, weight: numberOrText(c.weight), good: numberOrText(c.good), bad: numberOrText(c.bad) })),
    floors: form.floors.map((f) => ({ metric: f.metric, [f.bound]: numberOrText(f.value), cap: numberOrText(f.cap) })),
    thresholds: { warning: numberOrText(form.warning), critical: numberOrText(form.critical) },
    alerting: {
      for: form.alertFor, hysteresis: numberOrText(form.hysteresis), noData: form.noData,
      routes: { warning: list(form.routesWarning), critical: list(form.routesCritical) },
      ...(form.renotify.trim() !== "" ? { renotify: form.renotify.trim() } : {}),
    },
    segments: list(form.segments),
    shadow: form.shadow,
  };
}

export type CheckedForm = { ok: true; config: ScoreConfig; yaml: string } | { ok: false; errors: ConfigIssue[]; yaml: string };

/**
 * Validates the form through the config schema and writes it as YAML: the canonical toYaml when it is valid
 * (so form → YAML → form round-trips exactly), else a plain dump that keeps the invalid values to fix in text.
 */
export function checkForm(form: ConfigForm): CheckedForm {
  const data = formToData(form);
  const parsed = parseScoreConfig(JSON.stringify(data), "json");
  return parsed.ok ? { ok: true, config: parsed.config, yaml: toYaml(parsed.config) } : { ok: false, errors: parsed.errors, yaml: stringify(data, { lineWidth: 0 }) };
}

/**
 * The form field an issue belongs to: its path, except where one input holds several values (a floor's bound,
 * a list of channels or segments typed comma-separated).
 */
export function fieldOf(path: string): string {
  const parts = path.split(".");
  if (parts[0] === "floors" && (parts[2] === "above" || parts[2] === "below")) return `floors.${parts[1]}.value`;
  if (parts[0] === "alerting" && parts[1] === "routes" && parts.length > 3) return parts.slice(0, 3).join(".");
  if (parts[0] === "segments" && parts.length > 1) return "segments";
  return path;
}

/** Issues keyed by form field; the first message per field wins (it is the one to fix first). */
export function errorsByField(errors: readonly ConfigIssue[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of errors) out[fieldOf(e.path)] ??= e.message;
  return out;
}

/** Each component's share of the total weight, in percent; all null when the weights do not add up to a positive number. */
export function weightShares(components: readonly FormComponent[]): (number | null)[] {
  const weights = components.map((c) => Number(c.weight.trim() === "" ? NaN : c.weight));
  const valid = weights.every((w) => Number.isFinite(w) && w >= 0);
  const total = valid ? weights.reduce((s, w) => s + w, 0) : 0;
  return weights.map((w) => (total > 0 ? (100 * w) / total : null));
}

/** The DOM id of a form field's input, from its key ("components.1.weight" → "cfg-components-1-weight"). */
export const fieldId = (key: string) => `cfg-${key.replace(/\./g, "-")}`;
