import { describe, expect, it } from "vitest";
import { parseScoreConfig } from "@/lib/schemas/score-config.ts";
import { scoreOffline } from "./score-offline.ts";

// Offline scoring of a JSON-lines file. Config: latency.mean (good 100, bad 500), minSamples 2, window 10m.
const parsed = parseScoreConfig(`
service: chat
window: 10m
minSamples: 2
components: [ { metric: latency.mean, weight: 1, good: 100, bad: 500 } ]
`);
if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
const config = parsed.config;
const line = (id: string, minute: string, latency: number, service = "chat") =>
  JSON.stringify({ event_id: id, service, timestamp: `2026-11-26T12:${minute}:30Z`, latency_ms: latency });

describe("scoreOffline", () => {
  it("validates, deduplicates and scores the window before `at`", () => {
    const text = [
      line("a", "00", 200),
      "",
      line("b", "05", 400),
      line("b", "05", 100), // repeated event_id: the first counts
      line("c", "05", 300, "other"), // another service: ignored
      "{ not json",
      JSON.stringify({ event_id: "d", service: "chat", timestamp: "2026-11-26T12:06:00Z", latency_ms: -1 }),
      line("e", "20", 100), // after `at`
    ].join("\n");
    const result = scoreOffline({ config, eventsText: text, at: new Date("2026-11-26T12:10:00Z"), now: new Date(0) });
    expect(result).toMatchObject({ used: 3, duplicates: 1, otherServices: 1 });
    expect(result.invalid).toEqual([
      { line: 6, errors: [{ path: "(root)", message: "Not a JSON value." }] },
      { line: 7, errors: [{ path: "latency_ms", message: "latency_ms must be ≥ 0." }] },
    ]);
    // Window [12:00, 12:10): a (200) and b (400) → mean 300 → s = (300 − 500)/(100 − 500) = 0.5 → 50.
    expect(result.report).toMatchObject({ service: "chat", window: "10m", at: "2026-11-26T12:10:00.000Z", events: 2, score: 50, status: "critical" });
  });

  it("defaults `at` to the end of the latest event's minute", () => {
    const result = scoreOffline({ config, eventsText: [line("a", "00", 100), line("b", "03", 100)].join("\n"), now: new Date(0) });
    // Latest event 12:03:30 → at 12:04; window [11:54, 12:04) holds both → mean 100 → s = 1 → 100.
    expect(result.report).toMatchObject({ at: "2026-11-26T12:04:00.000Z", events: 2, score: 100, status: "healthy" });
  });

  it("scores one segment value", () => {
    const text = [
      JSON.stringify({ event_id: "a", service: "chat", timestamp: "2026-11-26T12:01:00Z", latency_ms: 500, provider: "x" }),
      JSON.stringify({ event_id: "b", service: "chat", timestamp: "2026-11-26T12:02:00Z", latency_ms: 500, provider: "x" }),
      JSON.stringify({ event_id: "c", service: "chat", timestamp: "2026-11-26T12:03:00Z", latency_ms: 100, provider: "y" }),
    ].join("\n");
    const result = scoreOffline({ config, eventsText: text, at: new Date("2026-11-26T12:10:00Z"), segment: { dimension: "provider", value: "x" }, now: new Date(0) });
    // provider x: two events at 500 ms → s = 0 → 0.
    expect(result.report).toMatchObject({ events: 2, score: 0, segment: { dimension: "provider", value: "x" } });
  });
});
