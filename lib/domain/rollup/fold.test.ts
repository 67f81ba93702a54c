import { describe, expect, it } from "vitest";
import { CardinalityGuard, OTHER } from "./cardinality.ts";
import { foldEvents, foldEventsByTier } from "./fold.ts";
import { rollupKeyId } from "./key.ts";
import { comparable, makeEvent } from "./testing.ts";
import { compactEntries } from "./tiers.ts";

const t0 = new Date("2026-11-20T10:15:30Z");
const minute = Date.UTC(2026, 10, 20, 10, 15);

function rowsOf(rows: ReturnType<typeof foldEvents>) {
  return [...rows.values()].map(({ key, agg }) => [key.dimension, key.value, agg.count]).sort((a, b) => String(a).localeCompare(String(b)));
}

describe("foldEvents", () => {
  it("writes the all-traffic row and one row per segment dimension, in the event's minute", () => {
    const rows = foldEvents([
      makeEvent({ eventId: "1", timestamp: t0, provider: "openai", model: "gpt-4o", variant: "v2", segments: { region: "eu", tier: "gold" } }),
      makeEvent({ eventId: "2", timestamp: new Date("2026-11-20T10:15:59.999Z"), provider: "openai", segments: { region: "us" } }),
    ]);
    expect(rowsOf(rows)).toEqual([
      ["*", "*", 2], ["model", "gpt-4o", 1], ["provider", "openai", 2], ["region", "eu", 1], ["region", "us", 1],
      ["tier", "gold", 1], ["variant", "v2", 1],
    ]);
    for (const { key } of rows.values()) expect(key.bucketStart).toBe(minute);
  });

  it("puts late events in the minute of their own timestamp", () => {
    const rows = foldEvents([makeEvent({ eventId: "1", timestamp: t0 }), makeEvent({ eventId: "2", timestamp: new Date("2026-11-20T09:00:00Z") })]);
    expect([...rows.values()].map((r) => r.key.bucketStart).sort()).toEqual([Date.UTC(2026, 10, 20, 9), minute]);
  });

  it("keys rows by rollupKeyId, which rebuild and carry-over look them up by", () => {
    const rows = foldEvents([makeEvent({ eventId: "1", timestamp: t0, provider: "p", segments: { region: "eu" } })]);
    for (const [id, { key }] of rows) expect(id).toBe(rollupKeyId(key));
  });

  it("folds each event into every tier picked for its timestamp, admitting values in input order across tiers", () => {
    const old = new Date("2026-11-10T08:30:00Z");
    const guard = new CardinalityGuard(new Map(), { maxValuesPerDimension: 1, maxSegmentKeys: 32 });
    const rows = foldEventsByTier(
      [makeEvent({ eventId: "1", timestamp: old, model: "first" }), makeEvent({ eventId: "2", timestamp: t0, model: "second" })],
      guard,
      (ms) => (ms < Date.UTC(2026, 10, 19) ? ["hour"] : ["minute", "hour"]),
    );
    const keys = (tier: keyof typeof rows) => [...rows[tier].values()].map((r) => [new Date(r.key.bucketStart).toISOString(), r.key.dimension, r.key.value, r.agg.count]);
    expect(keys("hour")).toEqual([
      ["2026-11-10T08:00:00.000Z", "*", "*", 1], ["2026-11-10T08:00:00.000Z", "model", "first", 1],
      ["2026-11-20T10:00:00.000Z", "*", "*", 1], ["2026-11-20T10:00:00.000Z", "model", OTHER, 1],
    ]);
    expect(keys("minute")).toEqual([["2026-11-20T10:15:00.000Z", "*", "*", 1], ["2026-11-20T10:15:00.000Z", "model", OTHER, 1]]);
    expect(rows.day.size).toBe(0);
  });

  it("writes an hour row equal to the merge of its minute rows, and adds to the rows it is given", () => {
    const events = Array.from({ length: 90 }, (_, i) =>
      makeEvent({ eventId: `${i}`, timestamp: new Date(Date.UTC(2026, 10, 20, 10, 0, i * 40)), latencyMs: i, model: `m${i % 3}`, segments: { region: i % 2 ? "eu" : "us" } }),
    );
    const both = () => ["minute", "hour"] as const;
    const rows = foldEventsByTier(events.slice(0, 50), new CardinalityGuard(), both);
    expect(foldEventsByTier(events.slice(50), new CardinalityGuard(new Map([["model", new Set(["m0", "m1", "m2"])]])), both, rows)).toBe(rows);
    const merged = compactEntries(rows.minute.values(), "hour");
    expect(rows.hour.size).toBe(merged.size);
    for (const [id, { agg }] of rows.hour) expect(comparable(agg)).toEqual(comparable(merged.get(id)!.agg));
    expect(rows.hour.get(rollupKeyId({ bucketStart: Date.UTC(2026, 10, 20, 10), dimension: "*", value: "*" }))?.agg.count).toBe(90);
  });

  it("writes through to the hour exactly what adding each event to the hour gives, beside rows it was given", () => {
    // Dyadic values (sums exact in any order), several minutes of one hour, segments, evals, attributes, sketches.
    const events = Array.from({ length: 120 }, (_, i) =>
      makeEvent({
        eventId: `${i}`, timestamp: new Date(Date.UTC(2026, 10, 20, 10, 0, i * 25)), latencyMs: 100 + (i % 17) * 8.5, ttftMs: i % 5 ? 20 + i : undefined,
        costUsd: (i % 8) / 1024, model: `m${i % 3}`, provider: i % 4 ? "openai" : "anthropic", segments: { region: i % 2 ? "eu" : "us" },
        evals: { relevance: (i % 4) / 4 }, attributes: { language: i % 3 ? "en" : "de", tokens: i * 7 },
      }),
    );
    const given = () => foldEventsByTier([makeEvent({ eventId: "given", timestamp: new Date(Date.UTC(2026, 10, 20, 10, 1, 5)), latencyMs: 3 })], new CardinalityGuard(), () => ["minute", "hour"]);
    const through = foldEventsByTier(events, new CardinalityGuard(), () => ["minute", "hour"], given());
    const minutesAlone = foldEventsByTier(events, new CardinalityGuard(), () => ["minute"], given());
    const hourAlone = foldEventsByTier(events, new CardinalityGuard(), () => ["hour"], given());
    for (const tier of ["minute", "hour"] as const) {
      const expected = tier === "minute" ? minutesAlone.minute : hourAlone.hour;
      expect([...through[tier].keys()].sort()).toEqual([...expected.keys()].sort());
      for (const [id, { key, agg }] of through[tier]) {
        expect(key).toEqual(expected.get(id)!.key);
        expect(comparable(agg)).toEqual(comparable(expected.get(id)!.agg));
      }
    }
    expect(through.hour.get(rollupKeyId({ bucketStart: Date.UTC(2026, 10, 20, 10), dimension: "*", value: "*" }))?.agg.count).toBe(121);
  });

  it("never lets a segment key pose as a built-in dimension", () => {
    const rows = foldEvents([makeEvent({ eventId: "1", timestamp: t0, model: "m", segments: { model: "fake", "*": "x", variant: "y" } })]);
    expect(rowsOf(rows)).toEqual([["*", "*", 1], ["model", "m", 1]]);
  });

  it("keeps 100 values per dimension and folds the rest into (other)", () => {
    const events = Array.from({ length: 150 }, (_, i) => makeEvent({ eventId: `${i}`, timestamp: t0, segments: { user: `u${i}` } }));
    const rows = foldEvents(events);
    const users = [...rows.values()].filter((r) => r.key.dimension === "user");
    expect(users).toHaveLength(101);
    expect(users.find((r) => r.key.value === OTHER)?.agg.count).toBe(50);
    expect(users.find((r) => r.key.value === "u99")?.agg.count).toBe(1);
  });

  it("counts the values the rollups already hold", () => {
    const known = new Map([["model", new Set(Array.from({ length: 100 }, (_, i) => `m${i}`))]]);
    const guard = new CardinalityGuard(known);
    const rows = foldEvents([makeEvent({ eventId: "1", timestamp: t0, model: "m7" }), makeEvent({ eventId: "2", timestamp: t0, model: "new" })], { guard });
    expect(rowsOf(rows)).toEqual([["*", "*", 2], ["model", "(other)", 1], ["model", "m7", 1]]);
  });

  it("ignores segment keys past 32 per service", () => {
    const segments = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`k${String(i).padStart(2, "0")}`, "x"]));
    const guard = new CardinalityGuard(new Map([["old", new Set(["x"])]]));
    const rows = foldEvents([makeEvent({ eventId: "1", timestamp: t0, segments })], { guard });
    const dims = new Set([...rows.values()].map((r) => r.key.dimension));
    expect(dims.size).toBe(1 + 31); // all traffic + 31 new keys (the known "old" key holds a slot)
    expect(dims.has("k30")).toBe(true);
    expect(dims.has("k31")).toBe(false);
    expect(guard.admitsSegmentKey("old")).toBe(true);
  });
});
