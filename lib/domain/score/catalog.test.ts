import { describe, expect, it } from "vitest";
import { levenshtein, METRIC_CATALOG, METRIC_VOCABULARY, metricFamily, nearMiss, parseMetric, suggestMetrics } from "./catalog.ts";

describe("parseMetric", () => {
  it.each([
    ["latency.p99", { kind: "latency", stat: "p99" }],
    ["latency.mean", { kind: "latency", stat: "mean" }],
    ["ttft.p95", { kind: "ttft", stat: "p95" }],
    ["error.rate", { kind: "error.rate" }],
    ["throughput.rpm", { kind: "throughput.rpm" }],
    ["cost.total", { kind: "cost.total" }],
    ["eval.hallucination.mean", { kind: "eval", name: "hallucination" }],
    ["eval.judge.v2.mean", { kind: "eval", name: "judge.v2" }], // names may contain dots
    ["feedback.csat.mean", { kind: "feedback", name: "csat" }],
    ["outcome.ticket_resolved.rate", { kind: "outcome", name: "ticket_resolved" }],
    ["retrieval.precision.mean", { kind: "retrieval", field: "precision" }],
    ["drift.embedding", { kind: "drift.embedding" }],
    ["drift.language.psi", { kind: "drift.psi", attribute: "language" }],
    ["quality.rejected.rate", { kind: "quality.rejected.rate" }],
    ["quality.missing.cost_usd.rate", { kind: "quality.missing", field: "cost_usd" }],
  ])("%s", (name, parsed) => expect(parseMetric(name)).toEqual(parsed));

  it.each(["latency.p96", "ttft.p99", "eval..mean", "eval.mean", "errors.rate", "quality.missing.colour.rate", "constructor", "", "outcome.x.mean"])(
    "rejects %j",
    (name) => expect(parseMetric(name)).toBeNull(),
  );

  it("finds each name's family, unit and direction", () => {
    expect(metricFamily("latency.p95")).toMatchObject({ unit: "ms", direction: "lower" });
    expect(metricFamily("outcome.copy_published.rate")).toMatchObject({ pattern: "outcome.<name>.rate", unit: "ratio", direction: "higher" });
    expect(metricFamily("drift.channel.psi")?.pattern).toBe("drift.<attribute>.psi");
    expect(metricFamily("quality.missing.model.rate")?.unit).toBe("ratio");
    expect(metricFamily("nope")).toBeNull();
  });

  it("lists families once, each with a description and parseable examples", () => {
    expect(new Set(METRIC_CATALOG.map((f) => f.pattern)).size).toBe(METRIC_CATALOG.length);
    for (const f of METRIC_CATALOG) expect(f.description.length).toBeGreaterThan(10);
    for (const name of METRIC_VOCABULARY) expect(parseMetric(name), name).not.toBeNull();
  });
});

describe("did you mean", () => {
  it.each([
    ["kitten", "sitting", 3],
    ["", "abc", 3],
    ["relevance", "relevence", 1],
    ["same", "same", 0],
  ])("levenshtein(%s, %s) = %i", (a, b, d) => expect(levenshtein(a, b)).toBe(d));

  it("suggests the nearest known names", () => {
    expect(suggestMetrics("eval.relevence.mean")[0]).toBe("eval.relevance.mean");
    expect(suggestMetrics("latency.p96")).toEqual(["latency.p90", "latency.p95", "latency.p99"]);
    expect(suggestMetrics("error_rate")).toEqual(["error.rate"]);
    // the middle of a dotted name is tried in every family, so unknown eval names still get a hint
    expect(suggestMetrics("evals.brand_voice.mean")[0]).toBe("eval.brand_voice.mean");
    expect(suggestMetrics("outcomes.email_sent.rate")[0]).toBe("outcome.email_sent.rate");
    expect(suggestMetrics("quality.missing.cost.rate")[0]).toBe("quality.missing.cost_usd.rate");
    expect(suggestMetrics("zzz")).toEqual([]);
  });

  it("takes a well-formed name close to a known one for a typo", () => {
    expect(nearMiss("eval.relevence.mean")).toBe("eval.relevance.mean");
    expect(nearMiss("feedback.thumbsup.mean")).toBe("feedback.thumbs_up.mean");
    // known names, names far from any, and short names one letter pair apart are not typos
    expect(nearMiss("eval.relevance.mean")).toBeNull();
    expect(nearMiss("eval.brand_voice.mean")).toBeNull();
    expect(nearMiss("feedback.cast.mean")).toBeNull();
    // the service reports it: then it is a name, not a typo
    expect(nearMiss("eval.relevence.mean", ["eval.relevence.mean"])).toBeNull();
    expect(nearMiss("latency.p96")).toBeNull(); // not well-formed: suggestMetrics handles it
  });
});
