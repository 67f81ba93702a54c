import { describe, expect, it } from "vitest";
import type { ScoreConfig } from "./config.ts";
import { diffConfigs, formatChange } from "./config-diff.ts";

const base: ScoreConfig = {
  service: "support-chatbot",
  window: 3_600_000,
  minSamples: 30,
  aggregation: "weighted_mean",
  components: [
    { metric: "eval.relevance.mean", weight: 50, good: 0.9, bad: 0.6 },
    { metric: "latency.p95", weight: 30, good: 1000, bad: 5000 },
  ],
  floors: [{ metric: "error.rate", above: 0.2, cap: 40 }],
  thresholds: { warning: 80, critical: 60 },
  alerting: { for: 300_000, hysteresis: 3, noData: "keep", routes: { warning: ["tickets"], critical: ["pager"] }, renotify: null },
  segments: ["provider"],
  shadow: false,
};
const edit = (f: (c: ScoreConfig) => void): ScoreConfig => {
  const c = structuredClone(base);
  f(c);
  return c;
};

describe("diffConfigs", () => {
  it("finds nothing between equal configs, nor when components or floors are only reordered", () => {
    expect(diffConfigs(base, structuredClone(base))).toEqual([]);
    expect(diffConfigs(base, edit((c) => c.components.reverse()))).toEqual([]);
  });

  it.each<[string, (c: ScoreConfig) => void, unknown[]]>([
    ["a component's weight, keyed by metric", (c) => (c.components[1]!.weight = 40),
      [{ path: "components.latency.p95.weight", kind: "changed", before: 30, after: 40 }]],
    ["a threshold", (c) => (c.thresholds.warning = 85), [{ path: "thresholds.warning", kind: "changed", before: 80, after: 85 }]],
    ["a route list, compared whole", (c) => c.alerting.routes.critical.push("slack"),
      [{ path: "alerting.routes.critical", kind: "changed", before: ["pager"], after: ["pager", "slack"] }]],
    ["a duration, in its written form", (c) => (c.alerting.for = 600_000), [{ path: "alerting.for", kind: "changed", before: "5m", after: "10m" }]],
    ["an added component", (c) => c.components.push({ metric: "cost.per_request", weight: 20, good: 0.002, bad: 0.02 }),
      [{ path: "components.cost.per_request", kind: "added", after: { weight: 20, good: 0.002, bad: 0.02 } }]],
    ["a removed floor", (c) => (c.floors = []), [{ path: "floors.error.rate", kind: "removed", before: { above: 0.2, cap: 40 } }]],
    ["renotify switched on (absent when null)", (c) => (c.alerting.renotify = 3_600_000), [{ path: "alerting.renotify", kind: "added", after: "1h" }]],
    ["a floor's bound flipped", (c) => (c.floors[0] = { metric: "error.rate", below: 0.01, cap: 40 }), [
      { path: "floors.error.rate.above", kind: "removed", before: 0.2 },
      { path: "floors.error.rate.below", kind: "added", after: 0.01 },
    ]],
  ])("reports %s", (_what, change, expected) => {
    expect(diffConfigs(base, edit(change))).toEqual(expected);
  });

  it("keys two floors of one metric by their bound", () => {
    const two = edit((c) => c.floors.push({ metric: "error.rate", below: 0.001, cap: 70 }));
    const changed = edit((c) => c.floors.push({ metric: "error.rate", below: 0.001, cap: 50 }));
    expect(diffConfigs(two, changed)).toEqual([{ path: "floors.error.rate[below].cap", kind: "changed", before: 70, after: 50 }]);
  });

  it("lists several changes in the file's order and formats them for the terminal", () => {
    const changes = diffConfigs(base, edit((c) => {
      c.shadow = true;
      c.window = 1_800_000;
    }));
    expect(changes.map(formatChange)).toEqual(['~ window: "1h" → "30m"', "~ shadow: false → true"]);
    expect(formatChange({ path: "x", kind: "added", after: 1 })).toBe("+ x: 1");
    expect(formatChange({ path: "x", kind: "removed", before: 1 })).toBe("- x: 1");
  });
});
