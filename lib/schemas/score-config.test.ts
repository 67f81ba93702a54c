import { describe, expect, it } from "vitest";
import type { ScoreConfig } from "@/lib/domain/score/config.ts";
import { SCORE_TEMPLATE_IDS, templateFor } from "@/lib/domain/score/templates.ts";
import { parseScoreConfig, toJson, toYaml, type ConfigIssue } from "./score-config.ts";

const DESIGN_EXAMPLE = `service: support-chatbot
window: 1h
minSamples: 30
aggregation: weighted_mean
components:
  - { metric: eval.relevance.mean, weight: 50, good: 0.9, bad: 0.6 }
  - { metric: latency.p95,         weight: 30, good: 1000, bad: 5000 }
  - { metric: cost.per_request,    weight: 20, good: 0.002, bad: 0.02 }
floors: [ { metric: error.rate, above: 0.2, cap: 40 } ]
thresholds: { warning: 80, critical: 60 }
alerting: { for: 5m, hysteresis: 3, noData: keep,
            routes: { warning: [data-science-tickets], critical: [ai-oncall-pager, ai-eng-slack] } }
segments: [provider, model, business_unit, user_segment]
shadow: false
`;

const EXAMPLE_CONFIG: ScoreConfig = {
  service: "support-chatbot",
  window: 3_600_000,
  minSamples: 30,
  aggregation: "weighted_mean",
  components: [
    { metric: "eval.relevance.mean", weight: 50, good: 0.9, bad: 0.6 },
    { metric: "latency.p95", weight: 30, good: 1000, bad: 5000 },
    { metric: "cost.per_request", weight: 20, good: 0.002, bad: 0.02 },
  ],
  floors: [{ metric: "error.rate", above: 0.2, cap: 40 }],
  thresholds: { warning: 80, critical: 60 },
  alerting: { for: 300_000, hysteresis: 3, noData: "keep", routes: { warning: ["data-science-tickets"], critical: ["ai-oncall-pager", "ai-eng-slack"] }, renotify: null },
  segments: ["provider", "model", "business_unit", "user_segment"],
  shadow: false,
};

/** Every corner the writer must quote or keep: a below-floor, a metric name with ": ", strings YAML would read as other types. */
const EDGE_CONFIG: ScoreConfig = {
  service: "123",
  window: 90 * 60_000,
  minSamples: 1,
  aggregation: "weighted_geometric",
  components: [
    { metric: "eval.judge: strict, v2.mean", weight: 0.5, good: 1e-7, bad: 0.25 },
    { metric: "drift.language.psi", weight: 1.5, good: 0.1, bad: 0.3 },
  ],
  floors: [{ metric: "feedback.thumbs_up.mean", below: 0.4, cap: 0 }, { metric: "error.rate", above: 0, cap: 100 }],
  thresholds: { warning: 75.5, critical: 75.5 },
  alerting: { for: 0, hysteresis: 0.5, noData: "alert", routes: { warning: [], critical: ["#pager", "null"] }, renotify: 2 * 3_600_000 },
  segments: ["yes", "region"],
  shadow: true,
};

const MINIMAL = "service: svc\ncomponents:\n  - { metric: error.rate, weight: 1, good: 0, bad: 0.1 }\n";

function errorsOf(text: string, options?: { knownMetrics?: string[] }): ConfigIssue[] {
  const result = parseScoreConfig(text, "yaml", options);
  if (result.ok) throw new Error("expected the config to be rejected");
  return result.errors;
}

describe("parseScoreConfig", () => {
  it("reads the example of DESIGN.md §6", () => {
    expect(parseScoreConfig(DESIGN_EXAMPLE)).toEqual({ ok: true, config: EXAMPLE_CONFIG });
  });

  it("fills in the defaults", () => {
    const result = parseScoreConfig(MINIMAL);
    expect(result).toEqual({
      ok: true,
      config: {
        service: "svc", window: 3_600_000, minSamples: 30, aggregation: "weighted_mean",
        components: [{ metric: "error.rate", weight: 1, good: 0, bad: 0.1 }], floors: [],
        thresholds: { warning: 80, critical: 60 },
        alerting: { for: 300_000, hysteresis: 0, noData: "keep", routes: { warning: [], critical: [] }, renotify: null },
        segments: [], shadow: false,
      },
    });
  });

  it.each([["5m", 300_000], ["1h", 3_600_000], ["24h", 86_400_000], ["7d", 604_800_000], ["90m", 5_400_000]])("window %s is %i ms", (text, ms) => {
    const result = parseScoreConfig(`${MINIMAL}window: ${text}\n`);
    expect(result.ok && result.config.window).toBe(ms);
  });

  it("accepts a metric the service reports even when it looks like a typo", () => {
    const text = "service: svc\ncomponents:\n  - { metric: eval.relevence.mean, weight: 1, good: 1, bad: 0 }\n";
    expect(parseScoreConfig(text).ok).toBe(false);
    expect(parseScoreConfig(text, "yaml", { knownMetrics: ["eval.relevence.mean"] }).ok).toBe(true);
    // a custom eval far from every known name is simply a custom eval
    expect(parseScoreConfig(text.replace("relevence", "brand_voice")).ok).toBe(true);
  });

  const component = (c: string) => `service: svc\ncomponents:\n  - ${c}\n`;
  it.each([
    ["unknown metric: typo", component("{ metric: eval.relevence.mean, weight: 1, good: 1, bad: 0 }"), "components.0.metric", 'Unknown metric "eval.relevence.mean". Did you mean eval.relevance.mean?'],
    ["unknown metric: no such family", component("{ metric: latency.p96, weight: 1, good: 1, bad: 2 }"), "components.0.metric", "Did you mean latency.p90, latency.p95 or latency.p99?"],
    ["unknown metric: nothing close", component("{ metric: vibes, weight: 1, good: 1, bad: 2 }"), "components.0.metric", "Metrics: latency.p50, "],
    ["good = bad", component("{ metric: latency.p95, weight: 1, good: 1000, bad: 1000 }"), "components.0.bad", "good and bad are both 1000: they must differ"],
    ["negative weight", component("{ metric: latency.p95, weight: -5, good: 1, bad: 2 }"), "components.0.weight", "Weights must be ≥ 0"],
    ["weights add up to 0", component("{ metric: latency.p95, weight: 0, good: 1, bad: 2 }"), "components", "The weights add up to 0"],
    ["a share written as a percentage", component("{ metric: error.rate, weight: 1, good: 1, bad: 5 }"), "components.0.bad", "error.rate is a share between 0 and 1: did you mean 0.05?"],
    ["the same metric twice", `${MINIMAL}  - { metric: error.rate, weight: 2, good: 0, bad: 0.2 }\n`, "components.1.metric", "error.rate is already a component"],
    ["no components", "service: svc\ncomponents: []\n", "components", "Add at least one component."],
    ["components missing", "service: svc\n", "components", "Expected components: a list of { metric, weight, good, bad }."],
    ["service missing", "components: []\n", "service", "Expected service: the service's slug"],
    ["service not a slug", MINIMAL.replace("svc", "Support Bot"), "service", "Expected a service slug"],
    ["threshold as a fraction", `${MINIMAL}thresholds: { warning: 0.8, critical: 60 }\n`, "thresholds.warning", "thresholds.warning is on the 0–100 scale: did you mean 80?"],
    ["threshold 0.7 (×100 without float noise)", `${MINIMAL}thresholds: { warning: 80, critical: 0.7 }\n`, "thresholds.critical", "did you mean 70?"],
    ["threshold 0", `${MINIMAL}thresholds: { warning: 80, critical: 0 }\n`, "thresholds.critical", "must be above 1 and at most 100"],
    ["threshold above 100", `${MINIMAL}thresholds: { warning: 120, critical: 60 }\n`, "thresholds.warning", "must be above 1 and at most 100"],
    ["warning below critical", `${MINIMAL}thresholds: { warning: 50, critical: 60 }\n`, "thresholds.warning", "warning (50) is below critical (60)"],
    ["floor cap as a fraction", `${MINIMAL}floors: [{ metric: error.rate, above: 0.2, cap: 0.4 }]\n`, "floors.0.cap", "cap is on the 0–100 scale: did you mean 40?"],
    ["floor with both bounds", `${MINIMAL}floors: [{ metric: error.rate, above: 0.2, below: 0.1, cap: 40 }]\n`, "floors.0", "exactly one of above or below"],
    ["floor with no bound", `${MINIMAL}floors: [{ metric: error.rate, cap: 40 }]\n`, "floors.0", "exactly one of above or below"],
    ["floor bound written as a percentage", `${MINIMAL}floors: [{ metric: error.rate, above: 20, cap: 40 }]\n`, "floors.0.above", "error.rate is a share between 0 and 1: did you mean 0.2?"],
    ["floor on an unknown metric", `${MINIMAL}floors: [{ metric: eror.rate, above: 0.2, cap: 40 }]\n`, "floors.0.metric", "Did you mean error.rate?"],
    ["window in seconds", `${MINIMAL}window: 90s\n`, "window", "Use whole minutes for window"],
    ["window in words", `${MINIMAL}window: 1 hour\n`, "window", 'Expected window as a duration such as 5m, 1h, 24h or 7d; "1 hour" is not one.'],
    ["window as a bare number", `${MINIMAL}window: 60\n`, "window", "(a bare number has no unit)"],
    ["window too long", `${MINIMAL}window: 100d\n`, "window", "window must be between 1m and 90d."],
    ["minSamples 0", `${MINIMAL}minSamples: 0\n`, "minSamples", "minSamples must be at least 1."],
    ["unknown aggregation", `${MINIMAL}aggregation: average\n`, "aggregation", 'Unknown aggregation "average". Choose weighted_mean, weighted_geometric or worst.'],
    ["unknown noData policy", `${MINIMAL}alerting: { noData: maybe }\n`, "alerting.noData", "Choose keep, ok or alert."],
    ["alerting.for without a unit", `${MINIMAL}alerting: { for: 5 }\n`, "alerting.for", "a bare number has no unit"],
    ["routes not a list", `${MINIMAL}alerting: { routes: { critical: pager } }\n`, "alerting.routes.critical", "Expected a list of channel names."],
    ["a segment twice", `${MINIMAL}segments: [model, model]\n`, "segments", "Each segment dimension once."],
    ["shadow as yes", `${MINIMAL}shadow: yes\n`, "shadow", "Expected shadow: true or false."],
    ["unknown key near a known one", `${MINIMAL}minSample: 3\n`, "minSample", 'Unknown key "minSample". Did you mean minSamples?'],
    ["snake_case key", `${MINIMAL}min_samples: 3\n`, "min_samples", "Did you mean minSamples?"],
    ["unknown nested key", `${MINIMAL}thresholds: { warning: 80, critical: 60, fatal: 20 }\n`, "thresholds.fatal", "Known keys: warning, critical."],
    ["unknown component key", component("{ metric: error.rate, weight: 1, good: 0, bad: 0.1, wieght: 2 }"), "components.0.wieght", "Did you mean weight?"],
    ["not a mapping", "just some text\n", "(root)", "Expected a config: a mapping with at least service and components."],
  ])("%s", (_name, text, path, message) => {
    const errors = errorsOf(text);
    const hit = errors.find((e) => e.path === path);
    expect(hit, JSON.stringify(errors)).toBeDefined();
    expect(hit!.message).toContain(message);
  });

  it("reports every problem at once, each with its line", () => {
    const errors = errorsOf(`service: svc
components:
  - { metric: latency.p95, weight: 1, good: 1000, bad: 5000 }
  - { metric: eval.relevence.mean, weight: -1, good: 0.9, bad: 0.6 }
thresholds:
  warning: 0.8
  critical: 60
`);
    expect(errors.map((e) => [e.path, e.line])).toEqual([
      ["components.1.metric", 4], ["components.1.weight", 4], ["thresholds.warning", 6],
    ]);
  });

  it("says the config is empty", () => {
    expect(errorsOf("")).toEqual([{ path: "(root)", message: "The config is empty: it needs at least service and components." }]);
    expect(errorsOf("# only a comment\n")[0]!.message).toContain("empty");
  });
});

describe("malformed text", () => {
  it.each([
    ["an unclosed flow list", "service: svc\ncomponents: [a, b\nshadow: false\n", 3],
    ["a duplicate key", "service: svc\nwindow: 1h\nwindow: 2h\n", 3],
    ["bad indentation", "service: svc\ncomponents:\n  - metric: error.rate\n   weight: 1\n", 4],
    // the parser only knows at the end of the input that the quote never closes
    ["an unterminated string", 'service: "svc\ncomponents: []\n', 3],
  ])("YAML with %s names the line", (_name, text, line) => {
    const [first] = errorsOf(text);
    expect(first).toMatchObject({ path: "(root)", line });
    expect(first!.message).toMatch(new RegExp(`^Line ${line}, column \\d+: `));
  });

  it("refuses an alias bomb and oversized text instead of expanding them", () => {
    const names = "abcdefgh";
    const bomb = ["a: &a [x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i < names.length; i++) bomb.push(`${names[i]}: &${names[i]} [${Array(9).fill(`*${names[i - 1]}`).join(", ")}]`);
    expect(errorsOf(bomb.join("\n"))[0]!.message).toContain("resource exhaustion");
    expect(errorsOf(`${MINIMAL}# ${"x".repeat(300 * 1024)}\n`)).toEqual([{ path: "(root)", message: "A config is at most 256 KiB." }]);
  });

  it("JSON errors name the line", () => {
    const result = parseScoreConfig('{\n  "service": "svc",\n}\n', "json");
    expect(result).toMatchObject({ ok: false, errors: [{ path: "(root)", line: 3 }] });
    expect(!result.ok && result.errors[0]!.message).toMatch(/^Line 3, column 1: /);
  });

  it("strict JSON rejects YAML; YAML accepts JSON", () => {
    expect(parseScoreConfig(DESIGN_EXAMPLE, "json").ok).toBe(false);
    expect(parseScoreConfig(toJson(EXAMPLE_CONFIG))).toEqual({ ok: true, config: EXAMPLE_CONFIG });
  });

  it("locates schema errors in JSON too", () => {
    const text = toJson(EXAMPLE_CONFIG).replace('"weight": 30', '"weight": -30');
    const result = parseScoreConfig(text, "json");
    expect(result).toMatchObject({ ok: false, errors: [{ path: "components.1.weight", line: text.split("\n").findIndex((l) => l.includes("-30")) + 1 }] });
  });
});

describe("toYaml / toJson", () => {
  const configs: Array<[string, ScoreConfig]> = [
    ["the DESIGN example", EXAMPLE_CONFIG],
    ["the edge cases", EDGE_CONFIG],
    ...SCORE_TEMPLATE_IDS.map((id): [string, ScoreConfig] => [`template ${id}`, templateFor(id, `${id}-service`)]),
  ];

  it.each(configs)("%s round-trips through YAML and JSON", (_name, config) => {
    const options = { knownMetrics: ["eval.judge: strict, v2.mean"] };
    const yaml = toYaml(config);
    expect(parseScoreConfig(yaml, "yaml", options)).toStrictEqual({ ok: true, config });
    expect(parseScoreConfig(toJson(config), "json", options)).toStrictEqual({ ok: true, config });
    // canonical: writing what was read gives the same text
    const reread = parseScoreConfig(yaml, "yaml", options);
    expect(reread.ok && toYaml(reread.config)).toBe(yaml);
  });

  it("writes keys in canonical order, durations as text", () => {
    const shuffled = `shadow: false\nsegments: []\ncomponents: [{ bad: 0.1, good: 0, weight: 1, metric: error.rate }]\nservice: svc\nwindow: 24h\n`;
    const result = parseScoreConfig(shuffled);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const json = JSON.parse(toJson(result.config)) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(["service", "window", "minSamples", "aggregation", "components", "floors", "thresholds", "alerting", "segments", "shadow"]);
    expect(json.window).toBe("1d");
    expect(toYaml(result.config)).toContain("  - { metric: error.rate, weight: 1, good: 0, bad: 0.1 }\n");
  });

  it("writes the DESIGN example as DESIGN.md lays it out", () => {
    expect(toYaml(EXAMPLE_CONFIG)).toBe(`service: support-chatbot
window: 1h
minSamples: 30
aggregation: weighted_mean
components:
  - { metric: eval.relevance.mean, weight: 50, good: 0.9, bad: 0.6 }
  - { metric: latency.p95, weight: 30, good: 1000, bad: 5000 }
  - { metric: cost.per_request, weight: 20, good: 0.002, bad: 0.02 }
floors:
  - { metric: error.rate, above: 0.2, cap: 40 }
thresholds: { warning: 80, critical: 60 }
alerting:
  for: 5m
  hysteresis: 3
  noData: keep
  routes: { warning: [ data-science-tickets ], critical: [ ai-oncall-pager, ai-eng-slack ] }
segments: [ provider, model, business_unit, user_segment ]
shadow: false
`);
  });
});
