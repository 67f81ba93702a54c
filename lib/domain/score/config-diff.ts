import { canonicalConfig, type ScoreConfig } from "./config.ts";

// What changed between two score configs, path by path, for the review screen and `vitals config diff`.
// Components and floors are keyed by metric, not by position: reordering the list changes no score, so it is
// not a change a reviewer has to read. Durations compare in their written form ("5m"), as the file shows them.

export interface ConfigChange {
  path: string;
  kind: "added" | "removed" | "changed";
  before?: unknown;
  after?: unknown;
}

type Plain = Record<string, unknown>;

/**
 * Lists keyed by metric become maps. A metric may have two floors (one above, one below): only then is the
 * bound part of the key ("error.rate[above]").
 */
function keyed(config: ScoreConfig): Plain {
  const c = canonicalConfig(config);
  const floorKey = (f: { metric: string; above?: number }) =>
    c.floors.filter((o) => o.metric === f.metric).length > 1 ? `${f.metric}[${f.above !== undefined ? "above" : "below"}]` : f.metric;
  return {
    ...c,
    components: Object.fromEntries(c.components.map(({ metric, ...rest }) => [metric, rest])),
    floors: Object.fromEntries(c.floors.map((f) => {
      const { metric: _metric, ...rest } = f;
      return [floorKey(f), rest];
    })),
  };
}

const isPlainObject = (v: unknown): v is Plain => typeof v === "object" && v !== null && !Array.isArray(v);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function walk(path: string, before: unknown, after: unknown, out: ConfigChange[]): void {
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    for (const key of keys) {
      const p = path ? `${path}.${key}` : key;
      if (!(key in after)) out.push({ path: p, kind: "removed", before: before[key] });
      else if (!(key in before)) out.push({ path: p, kind: "added", after: after[key] });
      else walk(p, before[key], after[key], out);
    }
    return;
  }
  // Lists of names (routes, segments) are compared whole: their order is what the file says.
  if (!same(before, after)) out.push({ path, kind: "changed", before, after });
}

/** The changes from `before` to `after`, in the order of the config file; empty when they score alike. */
export function diffConfigs(before: ScoreConfig, after: ScoreConfig): ConfigChange[] {
  const out: ConfigChange[] = [];
  walk("", keyed(before), keyed(after), out);
  return out;
}

/** One line per change, as the CLI prints it: "~ thresholds.warning: 80 → 85". */
export function formatChange(change: ConfigChange): string {
  const show = (v: unknown) => JSON.stringify(v);
  switch (change.kind) {
    case "added":
      return `+ ${change.path}: ${show(change.after)}`;
    case "removed":
      return `- ${change.path}: ${show(change.before)}`;
    case "changed":
      return `~ ${change.path}: ${show(change.before)} → ${show(change.after)}`;
  }
}
