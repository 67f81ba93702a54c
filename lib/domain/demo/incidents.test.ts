import { describe, expect, it } from "vitest";
import { DAY_MS, DEMO_INCIDENTS, HOUR_MS, incidentEffects, MINUTE_MS, resolveIncidents } from "./incidents.ts";
import { findDemoService } from "./portfolio.ts";
import { generateDemoEvents, generatePortfolioEvents } from "./telemetry.ts";
import type { DemoEvent, DemoServiceSpec } from "./types.ts";

// Each incident must be visible in the generated data itself, measured the way the rollups will measure it.
const NOW = Date.UTC(2026, 10, 26, 14, 30);
const service = (slug: string) => findDemoService(slug) as DemoServiceSpec;
const at = (e: DemoEvent) => Date.parse(e.timestamp);
const inWindow = (from: number, to: number) => (e: DemoEvent) => at(e) >= from && at(e) < to;
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const rate = (events: DemoEvent[], p: (e: DemoEvent) => boolean) => events.filter(p).length / Math.max(1, events.length);
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)] ?? 0;

function events(slug: string, from: number, to: number, anchor = NOW): DemoEvent[] {
  return [...generateDemoEvents({ service: service(slug), from, to, seed: 42, incidents: resolveIncidents(anchor) })];
}

function centroid(vectors: number[][]): number[] {
  const sum = new Array<number>(vectors[0]?.length ?? 0).fill(0);
  for (const v of vectors) v.forEach((x, i) => (sum[i] = (sum[i] as number) + x));
  return sum.map((x) => x / vectors.length);
}

function cosineDistance(a: number[], b: number[]): number {
  const dot = a.reduce((s, x, i) => s + x * (b[i] as number), 0);
  return 1 - dot / (Math.hypot(...a) * Math.hypot(...b));
}

describe("incident descriptions", () => {
  it("resolves offsets against the anchor; ongoing incidents never end", () => {
    const resolved = resolveIncidents(new Date(NOW));
    const spike = resolved.find((i) => i.id === "support-anthropic-latency-ongoing");
    expect(spike?.fromMs).toBe(NOW - 90 * MINUTE_MS);
    expect(spike?.toMs).toBe(Number.POSITIVE_INFINITY);
    const blowup = resolved.find((i) => i.kind === "cost_blowup");
    expect(blowup && blowup.toMs - blowup.fromMs).toBe(20 * HOUR_MS);
    expect(new Set(DEMO_INCIDENTS.map((i) => i.kind)).size).toBe(4);
  });

  it("has no effect outside an incident or on another provider", () => {
    const own = resolveIncidents(NOW).filter((i) => i.service === "customer-support-chatbot");
    expect(incidentEffects(own, "anthropic", NOW - 3 * HOUR_MS).latencyFactor).toBe(1);
    expect(incidentEffects(own, "openai", NOW - MINUTE_MS).latencyFactor).toBe(1);
    expect(incidentEffects(own, "anthropic", NOW + DAY_MS).latencyFactor).toBe(5);
  });
});

describe("built-in incidents are measurable", () => {
  it("ongoing Anthropic latency spike on the support chatbot", () => {
    const all = events("customer-support-chatbot", NOW - 12 * HOUR_MS, NOW);
    const during = all.filter(inWindow(NOW - 90 * MINUTE_MS, NOW));
    const before = all.filter((e) => at(e) < NOW - 90 * MINUTE_MS);
    const anthropic = (xs: DemoEvent[]) => xs.filter((e) => e.provider === "anthropic");
    const others = (xs: DemoEvent[]) => xs.filter((e) => e.provider !== "anthropic");
    const latency = (xs: DemoEvent[]) => mean(xs.map((e) => e.latency_ms));
    expect(latency(anthropic(during)) / latency(anthropic(before))).toBeGreaterThanOrEqual(3);
    expect(latency(others(during)) / latency(others(before))).toBeLessThan(1.5);
    expect(rate(anthropic(during), (e) => e.error_type === "timeout")).toBeGreaterThan(0.2);
    expect(rate(others(during), (e) => e.status === "error")).toBeLessThan(0.05);
  });

  it("the support chatbot is the least healthy service right now", () => {
    const lastHour = [...generatePortfolioEvents({ from: NOW - HOUR_MS, to: NOW, seed: 42 })];
    const bySlug = new Map<string, DemoEvent[]>();
    for (const e of lastHour) bySlug.set(e.service, [...(bySlug.get(e.service) ?? []), e]);
    const supportEvents = bySlug.get("customer-support-chatbot") ?? [];
    for (const [slug, xs] of bySlug) {
      if (slug === "customer-support-chatbot") continue;
      expect(rate(supportEvents, (e) => e.status === "error"), slug).toBeGreaterThan(2 * rate(xs, (e) => e.status === "error"));
      expect(p95(supportEvents.map((e) => e.latency_ms)), slug).toBeGreaterThan(p95(xs.map((e) => e.latency_ms)));
    }
  });

  it("earlier two-hour spike five days ago", () => {
    const start = NOW - 5 * DAY_MS;
    const all = events("customer-support-chatbot", start - 6 * HOUR_MS, start + 8 * HOUR_MS);
    const anthropic = all.filter((e) => e.provider === "anthropic");
    const during = anthropic.filter(inWindow(start, start + 2 * HOUR_MS));
    const rest = anthropic.filter((e) => !inWindow(start, start + 2 * HOUR_MS)(e));
    const latency = (xs: DemoEvent[]) => mean(xs.map((e) => e.latency_ms));
    expect(latency(during) / latency(rest)).toBeGreaterThanOrEqual(3);
  });

  it("hallucinations rise after the legal assistant switches to prompt-v8", () => {
    const switchAt = NOW - 3 * DAY_MS;
    const all = events("legal-rag-assistant", NOW - 6 * DAY_MS, NOW).filter((e) => e.status === "ok");
    const before = all.filter((e) => at(e) < switchAt);
    const after = all.filter((e) => at(e) >= switchAt);
    expect(new Set(before.map((e) => e.variant))).toEqual(new Set(["prompt-v7"]));
    expect(new Set(after.map((e) => e.variant))).toEqual(new Set(["prompt-v8"]));
    const hallucination = (xs: DemoEvent[]) => rate(xs, (e) => e.evals?.hallucination === true);
    expect(hallucination(before)).toBeLessThan(0.05);
    expect(hallucination(after)).toBeGreaterThan(0.12);
    expect(hallucination(after) / hallucination(before)).toBeGreaterThanOrEqual(3);
    const relevance = (xs: DemoEvent[]) => mean(xs.map((e) => e.evals?.relevance as number));
    expect(relevance(before) - relevance(after)).toBeGreaterThan(0.05);
  });

  it("cost per request blows up on the marketing generator for 20 hours", () => {
    const start = NOW - 6 * DAY_MS;
    const all = events("marketing-copy-generator", NOW - 7 * DAY_MS, NOW - 4 * DAY_MS).filter((e) => e.status === "ok");
    const during = all.filter(inWindow(start, start + 20 * HOUR_MS));
    const rest = all.filter((e) => !inWindow(start, start + 20 * HOUR_MS)(e));
    const cost = (xs: DemoEvent[]) => mean(xs.map((e) => e.cost_usd));
    expect(cost(during) / cost(rest)).toBeGreaterThanOrEqual(3);
    expect(mean(during.map((e) => e.output_tokens)) / mean(rest.map((e) => e.output_tokens))).toBeGreaterThan(4);
  });

  it("the FAQ bot's embedding centroid and language mix drift over the last two days", () => {
    const all = events("internal-faq-bot", NOW - 16 * DAY_MS, NOW);
    const embeddings = (from: number, to: number) => all.filter(inWindow(from, to)).map((e) => e.embedding);
    const lastDay = centroid(embeddings(NOW - DAY_MS, NOW));
    const baseline = centroid(embeddings(NOW - 8 * DAY_MS, NOW - DAY_MS)); // DESIGN §4's drift baseline
    const weekA = centroid(embeddings(NOW - 16 * DAY_MS, NOW - 9 * DAY_MS));
    const weekB = centroid(embeddings(NOW - 9 * DAY_MS, NOW - 2 * DAY_MS));
    const drifted = cosineDistance(lastDay, baseline);
    const normal = cosineDistance(weekA, weekB);
    expect(drifted).toBeGreaterThan(0.05);
    expect(drifted).toBeGreaterThan(20 * normal);

    const nonEnglish = (from: number, to: number) => rate(all.filter(inWindow(from, to)), (e) => e.attributes.language !== "en");
    expect(nonEnglish(NOW - DAY_MS, NOW)).toBeGreaterThan(2 * nonEnglish(NOW - 9 * DAY_MS, NOW - 2 * DAY_MS));
  });
});
