import { describe, expect, it } from "vitest";
import { DEMO_SERVICES, generateDemoEvents, resolveIncidents, type DemoEvent, type DemoServiceSpec } from "../demo/index.ts";
import type { TelemetryEvent } from "../event.ts";
import { addEvent, emptyAggregate } from "../rollup/aggregate.ts";
import { HOUR_MS } from "../rollup/tiers.ts";
import { parseMetric } from "./catalog.ts";
import { scoreWindow } from "./score.ts";
import { isScoreTemplateId, SCORE_TEMPLATE_IDS, SCORE_TEMPLATES, templateFor } from "./templates.ts";

// Templates are checked against the demo generator they were calibrated on: every metric they score is one the
// demo emits, ordinary hours score healthy and the demo's incidents do not.

/** Wednesday 2026-11-25 14:00 UTC: a weekday afternoon, busy enough for every service. */
const ANCHOR = Date.UTC(2026, 10, 25, 14);

function toEvent(d: DemoEvent): TelemetryEvent {
  return {
    eventId: d.event_id, timestamp: new Date(d.timestamp), model: d.model, provider: d.provider, variant: d.variant,
    latencyMs: d.latency_ms, ttftMs: d.ttft_ms, status: d.status, inputTokens: d.input_tokens, outputTokens: d.output_tokens,
    costUsd: d.cost_usd, segments: d.segments, evals: d.evals ?? {}, feedback: d.feedback ?? {}, outcomes: d.outcomes ?? {},
    retrieval: { precision: d.retrieval?.precision, score: d.retrieval?.score }, attributes: d.attributes, embedding: d.embedding,
  };
}

function scoreDemo(spec: DemoServiceSpec, end: number, withIncidents: boolean) {
  const config = templateFor(spec.configTemplate, spec.slug);
  const window = emptyAggregate();
  const incidents = withIncidents ? resolveIncidents(ANCHOR).filter((i) => i.service === spec.slug) : [];
  for (const e of generateDemoEvents({ service: spec, from: end - config.window, to: end, seed: "templates", incidents })) {
    addEvent(window, toEvent(e));
  }
  return scoreWindow(config, { window, windowMs: config.window });
}

const byTemplate = (id: string) => DEMO_SERVICES.filter((s) => s.configTemplate === id);

describe("score templates", () => {
  it("cover every template the demo portfolio names", () => {
    for (const spec of DEMO_SERVICES) expect(isScoreTemplateId(spec.configTemplate), spec.slug).toBe(true);
    expect(SCORE_TEMPLATE_IDS.every((id) => SCORE_TEMPLATES[id].id === id)).toBe(true);
  });

  it.each(SCORE_TEMPLATE_IDS)("%s is well formed", (id) => {
    const { config } = SCORE_TEMPLATES[id];
    for (const c of config.components) {
      expect(parseMetric(c.metric), c.metric).not.toBeNull();
      expect(c.good).not.toBe(c.bad);
      expect(c.weight).toBeGreaterThan(0);
    }
    for (const f of config.floors) expect(parseMetric(f.metric), f.metric).not.toBeNull();
    expect(config.components.reduce((s, c) => s + c.weight, 0)).toBe(100);
    expect(config.thresholds.warning).toBeGreaterThan(config.thresholds.critical);
  });

  it("weighs hallucination at 40 % for legal RAG", () => {
    const legal = SCORE_TEMPLATES["legal-rag"].config.components;
    const total = legal.reduce((s, c) => s + c.weight, 0);
    expect(legal.find((c) => c.metric === "eval.hallucination.mean")!.weight / total).toBe(0.4);
  });

  it("hands out independent copies", () => {
    const a = templateFor("generic", "one");
    a.components[0]!.weight = 99;
    a.segments.push("region");
    const b = templateFor("generic", "two");
    expect(b.service).toBe("two");
    expect(b.components[0]!.weight).toBe(30);
    expect(b.segments).not.toContain("region");
  });

  it.each(DEMO_SERVICES.map((s) => [s.slug, s] as const))("%s: ordinary traffic is healthy and every metric is emitted", (_slug, spec) => {
    const result = scoreDemo(spec, ANCHOR, false);
    for (const c of result.components) expect(c.value, `${spec.slug} ${c.metric}`).not.toBeNull();
    expect(result.status, JSON.stringify(result.components.map((c) => [c.metric, c.value, c.samples]))).toBe("healthy");
  });

  it("the demo's incidents are not healthy", () => {
    const support = byTemplate("support-chatbot")[0]!;
    // Anthropic latency ×5 and 30 % timeouts since 90 minutes: error rate > 0.1 trips the floor
    const during = scoreDemo(support, ANCHOR, true);
    expect(during.status).toBe("critical");
    expect(during.floorsApplied.map((f) => f.metric)).toContain("error.rate");

    // prompt-v8 hallucinates at 18 % since 3 days
    const legal = scoreDemo(byTemplate("legal-rag")[0]!, ANCHOR, true);
    expect(legal.status).toBe("critical");

    // output tokens ×5 from 6 days ago for 20 hours: cost, tokens and latency blow up
    const marketing = DEMO_SERVICES.find((s) => s.slug === "marketing-copy-generator")!;
    expect(scoreDemo(marketing, ANCHOR - 6 * 24 * HOUR_MS + 3 * HOUR_MS, true).status).not.toBe("healthy");
  });
});
