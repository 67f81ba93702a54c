import { afterEach, describe, expect, test } from "vitest";
import { DEMO_INCIDENTS, MINUTE_MS, resolveIncidents } from "@/lib/domain/demo/index.ts";
import { startIngestStub, type IngestStub } from "@/lib/sdk/ingest-stub.ts";
import { simulationIncidents, startBackgroundSimulation, TrafficSource } from "./simulate-traffic.ts";

// A Thursday afternoon and a Sunday night (UTC): the portfolio's own rate differs about tenfold between them.
const BUSY = Date.UTC(2026, 10, 26, 14, 30, 12);
const QUIET = Date.UTC(2026, 10, 29, 2, 0, 12);

describe("simulationIncidents", () => {
  test("by default the built-in incidents anchored at the start: the seed's ongoing ones go on", () => {
    expect(simulationIncidents(BUSY)).toEqual(resolveIncidents(BUSY));
  });

  test("none: healthy traffic", () => {
    expect(simulationIncidents(BUSY, "none")).toEqual([]);
  });

  test.each(["cost-blowup", "cost_blowup"])("%s starts that incident now, ongoing; the others keep their place", (kind) => {
    const incidents = simulationIncidents(BUSY, kind);
    const cost = incidents.find((i) => i.kind === "cost_blowup");
    expect(cost).toMatchObject({ fromMs: BUSY, toMs: Number.POSITIVE_INFINITY });
    expect(incidents.filter((i) => i.kind !== "cost_blowup")).toEqual(resolveIncidents(BUSY).filter((i) => i.kind !== "cost_blowup"));
  });

  test("of two incidents of a kind, the ongoing one is restarted", () => {
    const spikes = simulationIncidents(BUSY, "latency-spike").filter((i) => i.fromMs === BUSY);
    expect(spikes.map((i) => i.id)).toEqual([DEMO_INCIDENTS.find((i) => i.kind === "latency_spike" && i.endOffsetMs === null)?.id]);
  });

  test("an unknown kind names the known ones", () => {
    expect(() => simulationIncidents(BUSY, "meteor")).toThrow(/latency-spike.*none/);
  });
});

describe("TrafficSource", () => {
  test("one-second windows partition the traffic exactly, across minute boundaries", () => {
    const whole = new TrafficSource({ rate: 5, startMs: BUSY, seed: "t" }).events(BUSY, BUSY + 2 * MINUTE_MS);
    const source = new TrafficSource({ rate: 5, startMs: BUSY, seed: "t" });
    const pieces = [];
    for (let t = BUSY; t < BUSY + 2 * MINUTE_MS; t += 1_000) pieces.push(...source.events(t, t + 1_000));
    expect(pieces.map((e) => e.event_id)).toEqual(whole.map((e) => e.event_id));
    expect(whole.length).toBeGreaterThan(0);
  });

  test.each([
    ["busy", 2, BUSY],
    ["quiet", 2, QUIET],
    ["busy", 40, BUSY],
    ["quiet", 40, QUIET],
  ])("the requested rate holds at a %s time (%d events/s)", (_, rate, start) => {
    const events = new TrafficSource({ rate, startMs: start, seed: "rate" }).events(start, start + 10 * MINUTE_MS);
    const expected = rate * 600;
    expect(Math.abs(events.length - expected) / expected).toBeLessThan(0.1);
  });

  test("events are in order, in the window, and their ids unique and apart from the seed's", () => {
    // 120 events/s needs several generator streams: their ids must not collide either.
    const source = new TrafficSource({ rate: 120, startMs: QUIET, seed: "ids" });
    const events = source.events(QUIET, QUIET + 30_000);
    const times = events.map((e) => Date.parse(e.timestamp));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(Math.min(...times)).toBeGreaterThanOrEqual(QUIET);
    expect(Math.max(...times)).toBeLessThan(QUIET + 30_000);
    expect(new Set(events.map((e) => e.event_id)).size).toBe(events.length);
    for (const e of events) expect(e.event_id).toMatch(new RegExp(`^sim-${source.runId}(\\.\\d+)?-${e.service}-\\d+-\\d+$`));
    expect(events.some((e) => e.event_id.startsWith(`sim-${source.runId}.1-`))).toBe(true);
  });

  test("two runs started at different times draw different events", () => {
    const a = new TrafficSource({ rate: 5, startMs: BUSY }).events(BUSY, BUSY + MINUTE_MS);
    const b = new TrafficSource({ rate: 5, startMs: BUSY + 1 }).events(BUSY, BUSY + MINUTE_MS);
    expect(a.map((e) => e.timestamp)).not.toEqual(b.map((e) => e.timestamp));
  });
});

describe("startBackgroundSimulation", () => {
  let stub: IngestStub | undefined;
  afterEach(() => stub?.close());

  test("sends every generated event through the SDK and flushes on stop", async () => {
    stub = await startIngestStub();
    let clock = BUSY;
    // Each tick sees one more second of simulated time; the test never waits on wall-clock seconds.
    const sim = startBackgroundSimulation({ url: stub.endpoint.replace("/api/ingest", "/"), apiKey: "lvk_sim", rate: 20, seed: "bg", tickMs: 2, now: () => (clock += 1_000) });
    await stub.waitForRequests(1);
    await sim.stop();
    const received = stub.requests.flatMap((r) => r.events);
    const stats = sim.stats();
    expect(stats.generated).toBeGreaterThan(0);
    expect(received).toHaveLength(stats.generated);
    expect(stats).toMatchObject({ accepted: stats.generated, failed: 0, dropped: 0, queued: 0 });
    expect(stub.requests[0]?.headers.authorization).toBe("Bearer lvk_sim");
    expect(received.every((e) => e.event_id.startsWith(`sim-${sim.runId}-`))).toBe(true);
  });
});
