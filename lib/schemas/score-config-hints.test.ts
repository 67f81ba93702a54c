import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ScoreConfig } from "@/lib/domain/score/config.ts";
import { configMetrics, SCORE_TEMPLATE_IDS, SCORE_TEMPLATES, templateFor } from "@/lib/domain/score/index.ts";
import { parseScoreConfig, toJson, toYaml } from "./score-config.ts";

// The validation hints score-config.test.ts does not reach, one case each, and the YAML/JSON round trip over
// every template and a generated variety of configs.

const MINIMAL = "service: svc\ncomponents:\n  - { metric: error.rate, weight: 1, good: 0, bad: 0.1 }\n";
const component = (c: string) => `service: svc\ncomponents:\n  - ${c}\n`;

describe("validation hints", () => {
  it.each([
    ["a weight that is not a number", component("{ metric: latency.p95, weight: heavy, good: 1, bad: 2 }"), "components.0.weight", "Expected weight as a number."],
    // zod 4's number() already refuses Infinity as a type error, so the schema's "finite" hint never shows.
    ["an infinite bound", component("{ metric: latency.p95, weight: 1, good: 1, bad: .inf }"), "components.0.bad", "Expected bad as a number."],
    ["a component's good bound as a percentage", component("{ metric: error.rate, weight: 1, good: 2, bad: 0.5 }"), "components.0.good", "error.rate is a share between 0 and 1: did you mean 0.02?"],
    ["a share far out of range", component("{ metric: error.rate, weight: 1, good: 0, bad: 250 }"), "components.0.bad", "error.rate is a share between 0 and 1."],
    ["a negative share", component("{ metric: error.rate, weight: 1, good: -0.1, bad: 0.5 }"), "components.0.good", "error.rate is a share between 0 and 1."],
    ["a component that is not a mapping", component("latency.p95"), "components.0", "Expected a component: { metric, weight, good, bad }."],
    ["a metric that is not text", component("{ metric: 95, weight: 1, good: 1, bad: 2 }"), "components.0.metric", "Expected a metric name, e.g. latency.p95."],
    ["components not a list", "service: svc\ncomponents: latency.p95\n", "components", "Expected components: a list of { metric, weight, good, bad }."],
    ["minSamples not whole", `${MINIMAL}minSamples: 2.5\n`, "minSamples", "minSamples is a whole number."],
    ["a negative threshold", `${MINIMAL}thresholds: { warning: 80, critical: -5 }\n`, "thresholds.critical", "thresholds.critical must be above 1 and at most 100."],
    ["thresholds not a mapping", `${MINIMAL}thresholds: 80\n`, "thresholds", "Expected thresholds: { warning, critical }."],
    ["a cap above 100", `${MINIMAL}floors: [{ metric: error.rate, above: 0.2, cap: 140 }]\n`, "floors.0.cap", "cap must be between 0 and 100."],
    ["a negative cap", `${MINIMAL}floors: [{ metric: error.rate, above: 0.2, cap: -1 }]\n`, "floors.0.cap", "cap must be between 0 and 100."],
    ["a floor's below bound as a percentage", `${MINIMAL}floors: [{ metric: error.rate, below: 5, cap: 40 }]\n`, "floors.0.below", "did you mean 0.05?"],
    ["a floor that is not a mapping", `${MINIMAL}floors: [error.rate]\n`, "floors.0", "Expected a floor: { metric, above or below, cap }."],
    ["floors not a list", `${MINIMAL}floors: error.rate\n`, "floors", "Expected floors: a list of { metric, above or below, cap }."],
    ["an unknown floor key", `${MINIMAL}floors: [{ metric: error.rate, abve: 0.2, cap: 40 }]\n`, "floors.0.abve", "Did you mean above?"],
    ["alerting not a mapping", `${MINIMAL}alerting: loud\n`, "alerting", "Expected alerting: { for, hysteresis, noData, routes, renotify }."],
    ["alerting.for too long", `${MINIMAL}alerting: { for: 2d }\n`, "alerting.for", "alerting.for must be between 0m and 1d."],
    ["alerting.for in seconds", `${MINIMAL}alerting: { for: 30s }\n`, "alerting.for", "Use whole minutes for alerting.for"],
    ["negative hysteresis", `${MINIMAL}alerting: { hysteresis: -1 }\n`, "alerting.hysteresis", "hysteresis is ≥ 0 points."],
    ["hysteresis above 50", `${MINIMAL}alerting: { hysteresis: 60 }\n`, "alerting.hysteresis", "hysteresis is at most 50 points."],
    ["renotify too often", `${MINIMAL}alerting: { renotify: 0m }\n`, "alerting.renotify", "alerting.renotify must be between 1m and 7d."],
    ["renotify without a unit", `${MINIMAL}alerting: { renotify: 30 }\n`, "alerting.renotify", "Expected alerting.renotify as a duration"],
    ["routes not a mapping", `${MINIMAL}alerting: { routes: [pager] }\n`, "alerting.routes", "Expected routes: { warning: [...], critical: [...] }."],
    ["an unknown route severity", `${MINIMAL}alerting: { routes: { critcal: [pager] } }\n`, "alerting.routes.critcal", "Did you mean critical?"],
    ["an empty channel name", `${MINIMAL}alerting: { routes: { critical: ["  "] } }\n`, "alerting.routes.critical.0", "Channel names are not empty."],
    ["an unknown alerting key", `${MINIMAL}alerting: { nodata: ok }\n`, "alerting.nodata", "Did you mean noData?"],
    ["an empty segment name", `${MINIMAL}segments: [model, ""]\n`, "segments.1", "Segment names are not empty."],
    ["segments not a list", `${MINIMAL}segments: model\n`, "segments", "Expected segments: a list of dimensions, e.g. [provider, model]."],
    ["window too short", `${MINIMAL}window: 0m\n`, "window", "window must be between 1m and 90d."],
  ])("%s", (_name, text, path, message) => {
    const result = parseScoreConfig(text);
    expect(result.ok).toBe(false);
    const hit = !result.ok && result.errors.find((e) => e.path === path);
    expect(hit, `no issue at ${path}: ${JSON.stringify(!result.ok && result.errors)}`).toBeTruthy();
    expect(hit && hit.message).toContain(message);
  });
});

// Metrics every template uses: known to the vocabulary, so none reads as a typo of another.
const METRICS = [...new Set(Object.values(SCORE_TEMPLATES).flatMap((t) => configMetrics(t.config)))];
const share = fc.double({ min: 0, max: 1, noNaN: true, noDefaultInfinity: true }).map((x) => (Object.is(x, -0) ? 0 : x));
const minutes = (min: number, max: number) => fc.integer({ min, max }).map((m) => m * 60_000);
const name = fc.stringMatching(/^[a-z#][a-z0-9_-]{0,12}$/);

const configArb: fc.Arbitrary<ScoreConfig> = fc.record({
  service: fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,20}$/),
  window: minutes(1, 90 * 24 * 60),
  minSamples: fc.integer({ min: 1, max: 10_000 }),
  aggregation: fc.constantFrom("weighted_mean", "weighted_geometric", "worst"),
  components: fc.uniqueArray(
    fc.record({ metric: fc.constantFrom(...METRICS), weight: fc.double({ min: 0.001, max: 100, noNaN: true }), good: share, bad: share }),
    { minLength: 1, maxLength: 6, selector: (c) => c.metric },
  ).filter((cs) => cs.every((c) => c.good !== c.bad)),
  floors: fc.array(
    fc.record({ metric: fc.constantFrom(...METRICS), bound: share, above: fc.boolean(), cap: fc.oneof(fc.constant(0), fc.double({ min: 1, max: 100, noNaN: true })) })
      .map(({ metric, bound, above, cap }) => (above ? { metric, above: bound, cap } : { metric, below: bound, cap })),
    { maxLength: 3 },
  ),
  thresholds: fc.tuple(fc.double({ min: 1.01, max: 100, noNaN: true }), fc.double({ min: 1.01, max: 100, noNaN: true }))
    .map(([a, b]) => ({ warning: Math.max(a, b), critical: Math.min(a, b) })),
  alerting: fc.record({
    for: minutes(0, 24 * 60),
    hysteresis: fc.double({ min: 0, max: 50, noNaN: true }).map((x) => (Object.is(x, -0) ? 0 : x)),
    noData: fc.constantFrom("keep", "ok", "alert"),
    routes: fc.record({ warning: fc.array(name, { maxLength: 3 }), critical: fc.array(name, { maxLength: 3 }) }),
    renotify: fc.option(minutes(1, 7 * 24 * 60), { nil: null }),
  }),
  segments: fc.uniqueArray(fc.constantFrom("provider", "model", "variant", "region", "business_unit"), { maxLength: 4 }),
  shadow: fc.boolean(),
});

describe("round trip", () => {
  it.each(SCORE_TEMPLATE_IDS)("template %s: parse(toYaml(c)) and parse(toJson(c)) equal c", (id) => {
    const config = templateFor(id, "svc");
    expect(parseScoreConfig(toYaml(config))).toEqual({ ok: true, config });
    expect(parseScoreConfig(toJson(config), "json")).toEqual({ ok: true, config });
  });

  it("holds for generated configs", () => {
    fc.assert(
      fc.property(configArb, (config) => {
        expect(parseScoreConfig(toYaml(config))).toEqual({ ok: true, config });
        expect(parseScoreConfig(toJson(config), "json")).toEqual({ ok: true, config });
      }),
      { numRuns: 300 },
    );
  });
});
