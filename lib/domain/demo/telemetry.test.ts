import { describe, expect, it } from "vitest";
import { DAY_MS, HOUR_MS, resolveIncidents } from "./incidents.ts";
import { DEMO_MODELS, type DemoModelName } from "./models.ts";
import { DEMO_SERVICES, findDemoService } from "./portfolio.ts";
import { countPortfolioEvents, generateDemoEvents, generatePortfolioEvents, inBatches } from "./telemetry.ts";
import { MAX_TEXT_LENGTH } from "./texts.ts";
import type { DemoEvent, DemoServiceSpec } from "./types.ts";

// A Thursday afternoon (UTC), so the windows below are busy.
const NOW = Date.UTC(2026, 10, 26, 14, 30);
const support = findDemoService("customer-support-chatbot") as DemoServiceSpec;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

const isUnit = (x: unknown): boolean => typeof x === "number" && x >= 0 && x <= 1;
const isCount = (x: unknown): boolean => Number.isInteger(x) && (x as number) >= 0;

/** Contract checks of DESIGN.md §3, returned as messages so a failure names the field. */
function contractErrors(e: DemoEvent, from: number, to: number): string[] {
  const errors: string[] = [];
  const check = (ok: boolean, what: string) => ok || errors.push(`${e.event_id}: ${what}`);
  check(e.event_id.length > 0 && e.event_id.length <= 128, "event_id");
  check(RFC3339.test(e.timestamp), "timestamp format");
  const ms = Date.parse(e.timestamp);
  check(ms >= from && ms < to, "timestamp in window");
  check(new Date(ms).toISOString() === e.timestamp, "timestamp round-trips");
  check(e.model in DEMO_MODELS && DEMO_MODELS[e.model as DemoModelName].provider === e.provider, "model/provider");
  check(e.latency_ms >= 0 && Number.isFinite(e.latency_ms), "latency");
  check(e.ttft_ms === undefined || (e.ttft_ms >= 0 && e.ttft_ms <= e.latency_ms), "ttft");
  check(isCount(e.input_tokens) && isCount(e.output_tokens), "tokens");
  check(e.cost_usd >= 0, "cost");
  check(e.status === "ok" ? e.error_type === undefined : typeof e.error_type === "string", "status/error_type");
  if (e.status === "ok") {
    const m = DEMO_MODELS[e.model as DemoModelName];
    const expected = e.input_tokens * m.inputPrice + e.output_tokens * m.outputPrice;
    check(Math.abs(e.cost_usd - expected) < 1e-9, "cost = in·pi + out·po");
  }
  for (const key of ["user_segment", "business_unit", "region", "workflow_type"]) {
    check(typeof e.segments[key] === "string", `segments.${key}`);
  }
  check(["free", "pro", "enterprise"].includes(e.segments.user_segment ?? ""), "user_segment value");
  check(["us-east", "eu-west", "ap-south"].includes(e.segments.region ?? ""), "region value");
  for (const v of Object.values(e.evals ?? {})) check(typeof v === "boolean" || isUnit(v), "eval range");
  for (const [k, v] of Object.entries(e.feedback ?? {})) {
    check(k === "thumbs_up" ? v === 0 || v === 1 : Number.isInteger(v) && v >= 1 && v <= 5, `feedback.${k}`);
  }
  for (const v of Object.values(e.outcomes ?? {})) check(typeof v === "boolean", "outcome");
  if (e.retrieval) {
    check(isUnit(e.retrieval.precision) && isUnit(e.retrieval.score), "retrieval range");
    check((e.retrieval.document_ids?.length ?? 0) > 0, "document_ids");
  }
  check(e.embedding.length === 8 && e.embedding.every(Number.isFinite), "embedding");
  for (const v of Object.values(e.attributes)) check(typeof v === "string" || Number.isFinite(v), "attribute");
  check((e.prompt?.length ?? 0) <= MAX_TEXT_LENGTH && (e.response?.length ?? 0) <= MAX_TEXT_LENGTH, "text length");
  return errors;
}

describe("generateDemoEvents", () => {
  it("is deterministic: same seed, same events; another seed, other events", () => {
    const opts = { service: support, from: NOW - 3 * HOUR_MS, to: NOW, seed: 7 };
    const a = [...generateDemoEvents(opts)];
    const b = [...generateDemoEvents(opts)];
    expect(a.length).toBeGreaterThan(100);
    expect(b).toEqual(a);
    const c = [...generateDemoEvents({ ...opts, seed: 8 })];
    expect(c).not.toEqual(a);
  });

  it("reproduces a larger window's events in any sub-window (seed and live simulation agree)", () => {
    const incidents = resolveIncidents(NOW);
    const whole = [...generateDemoEvents({ service: support, from: NOW - 2 * HOUR_MS, to: NOW, seed: 1, incidents })];
    const from = NOW - 95 * 60_000 + 12_345; // not minute-aligned on purpose
    const to = NOW - 30 * 60_000 + 999;
    const part = [...generateDemoEvents({ service: support, from, to, seed: 1, incidents })];
    const expected = whole.filter((e) => Date.parse(e.timestamp) >= from && Date.parse(e.timestamp) < to);
    expect(part).toEqual(expected);
  });

  it("yields events in timestamp order with unique ids", () => {
    const events = [...generateDemoEvents({ service: support, from: NOW - DAY_MS, to: NOW, seed: 3 })];
    const times = events.map((e) => Date.parse(e.timestamp));
    expect(times.every((t, i) => i === 0 || t >= (times[i - 1] as number))).toBe(true);
    expect(new Set(events.map((e) => e.event_id)).size).toBe(events.length);
  });

  it("omits prompt and response where storePrompts is off, unless forced", () => {
    const finance = findDemoService("financial-doc-extraction") as DemoServiceSpec;
    const opts = { service: finance, from: NOW - HOUR_MS, to: NOW, seed: 2 };
    expect([...generateDemoEvents(opts)].some((e) => e.prompt !== undefined || e.response !== undefined)).toBe(false);
    expect([...generateDemoEvents({ ...opts, forceText: true })].some((e) => e.prompt !== undefined)).toBe(true);
    expect([...generateDemoEvents({ ...opts, service: support })].every((e) => e.prompt !== undefined)).toBe(true);
  });

  it("scales traffic with rateScale", () => {
    const opts = { service: support, from: NOW - 6 * HOUR_MS, to: NOW, seed: 4 };
    const base = [...generateDemoEvents(opts)].length;
    const tenfold = [...generateDemoEvents({ ...opts, rateScale: 10 })].length;
    expect(tenfold / base).toBeGreaterThan(8.5);
    expect(tenfold / base).toBeLessThan(11.5);
  });
});

describe("generatePortfolioEvents", () => {
  const from = NOW - DAY_MS;
  const events = [...generatePortfolioEvents({ from, to: NOW, seed: 11 })];

  it("produces contract-valid events for every service", () => {
    const errors = events.flatMap((e) => contractErrors(e, from, NOW));
    expect(errors.slice(0, 10)).toEqual([]);
    expect(new Set(events.map((e) => e.service))).toEqual(new Set(DEMO_SERVICES.map((s) => s.slug)));
    expect(events.some((e) => e.status === "error")).toBe(true);
    expect(events.some((e) => e.retrieval !== undefined)).toBe(true);
    expect(events.some((e) => e.feedback?.csat !== undefined)).toBe(true);
  });

  it("is in global timestamp order with unique ids", () => {
    const times = events.map((e) => Date.parse(e.timestamp));
    expect(times.every((t, i) => i === 0 || t >= (times[i - 1] as number))).toBe(true);
    expect(new Set(events.map((e) => e.event_id)).size).toBe(events.length);
  });

  it("counts exactly what it generates, and ~250k–400k events over 14 days", () => {
    const to = NOW - 7_777; // unaligned ends exercise the partial minutes
    const window = { from: from + 4_321, to, seed: 11 };
    expect(countPortfolioEvents(window)).toBe([...generatePortfolioEvents(window)].length);
    const fortnight = countPortfolioEvents({ from: NOW - 14 * DAY_MS, to: NOW, seed: 42 });
    expect(fortnight).toBeGreaterThan(250_000);
    expect(fortnight).toBeLessThan(400_000);
  });

  it("batches for a bulk writer without losing events", () => {
    const batches = [...inBatches(events, 1000)];
    expect(batches.every((b) => b.length > 0 && b.length <= 1000)).toBe(true);
    expect(batches.flat()).toEqual(events);
  });
});
