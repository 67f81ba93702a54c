import { describe, expect, it } from "vitest";
import { addEvent, emptyAggregate } from "./aggregate.ts";
import { carryOver } from "./carry-over.ts";
import { rollupKeyId, type RollupEntry } from "./key.ts";
import { sketchCount } from "./sketch.ts";
import { makeEvent } from "./testing.ts";
import { foldEvents } from "./fold.ts";
import { compactEntries, compactionCutoff, DEFAULT_RETENTION, floorToTier, ingestTiers, rebuildStart, retentionCutoffs } from "./tiers.ts";

const ms = (iso: string) => Date.parse(iso);

describe("bucket floors (UTC)", () => {
  it.each([
    ["minute", "2026-11-20T10:15:30.999Z", "2026-11-20T10:15:00.000Z"],
    ["hour", "2026-11-20T10:15:30.999Z", "2026-11-20T10:00:00.000Z"],
    ["day", "2026-11-20T23:59:59.999Z", "2026-11-20T00:00:00.000Z"],
    ["day", "1969-12-31T12:00:00.000Z", "1969-12-31T00:00:00.000Z"],
  ] as const)("%s of %s is %s", (tier, at, floor) => {
    expect(new Date(floorToTier(tier, ms(at))).toISOString()).toBe(floor);
  });
});

describe("compaction", () => {
  const events = Array.from({ length: 180 }, (_, i) =>
    makeEvent({ eventId: `${i}`, timestamp: new Date(ms("2026-11-20T09:30:00Z") + i * 40_000), latencyMs: i, model: i % 2 ? "a" : "b", costUsd: 0.25 }),
  );
  const minutes = foldEvents(events);

  it("merges rows into the coarser rows of their segment, keeping totals", () => {
    const hours = compactEntries(minutes.values(), "hour");
    // 180 events 40 s apart from 09:30 run to 11:29:20: hours 09, 10, 11 × (all, model a, model b)
    expect(hours.size).toBe(9);
    const all = [...hours.values()].filter((r) => r.key.dimension === "*");
    expect(all.map((r) => [new Date(r.key.bucketStart).toISOString(), r.agg.count])).toEqual([
      ["2026-11-20T09:00:00.000Z", 45], ["2026-11-20T10:00:00.000Z", 90], ["2026-11-20T11:00:00.000Z", 45],
    ]);
    expect(all.reduce((s, r) => s + r.agg.latencySum, 0)).toBe((179 * 180) / 2);
    expect(all.reduce((s, r) => s + sketchCount(r.agg.latencySketch!), 0)).toBe(180);
    expect(all.reduce((s, r) => s + r.agg.costSum, 0)).toBe(45);
    const days = compactEntries(hours.values(), "day");
    expect(days.get(rollupKeyId({ bucketStart: ms("2026-11-20T00:00:00Z"), dimension: "model", value: "a" }))?.agg.count).toBe(90);
  });

  it("cuts at whole hours (minutes) and whole days (hours)", () => {
    const now = ms("2026-11-26T17:42:10Z");
    expect(new Date(compactionCutoff("minute", now)).toISOString()).toBe("2026-11-19T17:00:00.000Z");
    expect(new Date(compactionCutoff("hour", now)).toISOString()).toBe("2026-08-28T00:00:00.000Z");
    const cut = retentionCutoffs(now);
    expect(new Date(cut.rawEvents).toISOString()).toBe("2026-10-27T17:42:10.000Z");
    expect(cut.day).toBeNull();
    expect(retentionCutoffs(now, { ...DEFAULT_RETENTION, day: 400 * 86_400_000 }).day).toBe(ms("2025-10-22T00:00:00Z"));
  });

  it.each([
    ["2026-11-26T17:42:10.000Z", ["minute", "hour"]],
    ["2026-11-19T17:00:00.000Z", ["minute", "hour"]],
    ["2026-11-19T16:59:59.999Z", ["hour"]],
    ["2026-08-28T00:00:00.000Z", ["hour"]],
    ["2026-08-27T23:59:59.999Z", ["day"]],
  ] as const)("ingest folds an event at %s into %j: its minute written through to its hour, or the tier compaction keeps", (at, tiers) => {
    const now = ms("2026-11-26T17:42:10Z");
    expect(ingestTiers(ms(at), now)).toEqual(tiers);
    // The same cut as compaction's: the minutes of an hour before the minute cutoff are all gone, those of a
    // later hour all kept.
    const compactedHour = floorToTier("hour", ms(at)) < compactionCutoff("minute", now);
    expect(!tiers.includes("minute" as never)).toBe(compactedHour);
  });

  it("rebuilds only whole hours that raw events still cover", () => {
    const now = ms("2026-11-26T17:42:10Z");
    expect(new Date(rebuildStart(now)).toISOString()).toBe("2026-10-27T18:00:00.000Z");
    expect(new Date(rebuildStart(now, DEFAULT_RETENTION, ms("2026-11-20T10:30:00Z"))).toISOString()).toBe("2026-11-20T10:00:00.000Z");
    expect(new Date(rebuildStart(now, DEFAULT_RETENTION, ms("2020-01-01T00:00:00Z"))).toISOString()).toBe("2026-10-27T18:00:00.000Z");
  });
});

describe("carry-over onto rebuilt rows", () => {
  it("adds rejected counts and embeddings to the matching row, or the coarser one, creating rows as needed", () => {
    const agg = emptyAggregate();
    addEvent(agg, makeEvent({ eventId: "1", timestamp: new Date(ms("2026-11-20T10:15:00Z")) }));
    const hour = ms("2026-11-20T10:00:00Z");
    const rows = new Map<string, RollupEntry>([[rollupKeyId({ bucketStart: hour, dimension: "*", value: "*" }), { key: { bucketStart: hour, dimension: "*", value: "*" }, agg }]]);
    carryOver(rows, "hour", [
      { tier: "minute", key: { bucketStart: ms("2026-11-20T10:15:00Z"), dimension: "*", value: "*" }, rejected: 3, embedding: { sum: [1, 1], count: 1 }, responseLength: null },
      { tier: "minute", key: { bucketStart: ms("2026-11-20T10:16:00Z"), dimension: "*", value: "*" }, rejected: 2, embedding: { sum: [2, 0], count: 1 }, responseLength: null },
      { tier: "hour", key: { bucketStart: hour, dimension: "model", value: "m" }, rejected: 0, embedding: { sum: [5, 5], count: 5 }, responseLength: { "≥4": 2 } },
      { tier: "minute", key: { bucketStart: hour, dimension: "model", value: "z" }, rejected: 0, embedding: { sum: [], count: 0 }, responseLength: null },
    ]);
    expect(rows.size).toBe(2);
    expect(agg).toMatchObject({ count: 1, rejected: 5, embedding: { sum: [3, 1], count: 2 } });
    const model = rows.get(rollupKeyId({ bucketStart: hour, dimension: "model", value: "m" }))!.agg;
    expect(model).toMatchObject({ count: 0, embedding: { sum: [5, 5], count: 5 } });
    expect({ ...model.histograms.response_length }).toEqual({ "≥4": 2 });
  });

  it("gives a row of rejected events alone no empty response-length histogram", () => {
    const rows = new Map<string, RollupEntry>();
    const key = { bucketStart: ms("2026-11-20T10:15:00Z"), dimension: "*", value: "*" };
    carryOver(rows, "minute", [{ tier: "minute", key, rejected: 2, embedding: { sum: [], count: 0 }, responseLength: {} }]);
    expect(rows.get(rollupKeyId(key))?.agg).toMatchObject({ rejected: 2, histograms: {} });
    expect(Object.keys(rows.get(rollupKeyId(key))!.agg.histograms)).toEqual([]);
  });
});
