import { describe, expect, it } from "vitest";
import { parseViewState, rangeBounds, scoreAt, viewQuery } from "./view-state.ts";

const HOUR = 3_600_000;

describe("the service page's URL state", () => {
  it("defaults: 24 h, all traffic, provider, every event", () => {
    expect(parseViewState({})).toEqual({ range: "24h", from: null, to: null, segment: null, dimension: "provider", filter: "all", event: null });
    expect(viewQuery(parseViewState({}))).toEqual({ range: undefined, from: undefined, to: undefined, segment: undefined, dim: undefined, filter: undefined, event: undefined });
  });

  it("reads what a shared link says, and writes it back the same", () => {
    const params = new URLSearchParams("range=7d&segment=provider:anthropic&dim=model&filter=slowest&event=e1");
    const state = parseViewState(params);
    expect(state).toMatchObject({ range: "7d", segment: { dimension: "provider", value: "anthropic" }, dimension: "model", filter: "slowest", event: "e1" });
    expect(viewQuery(state)).toMatchObject({ range: "7d", segment: "provider:anthropic", dim: "model", filter: "slowest", event: "e1" });
  });

  it("keeps colons inside a segment value (a model like ft:gpt-4o:acme)", () => {
    expect(parseViewState({ segment: "model:ft:gpt-4o:acme" }).segment).toEqual({ dimension: "model", value: "ft:gpt-4o:acme" });
  });

  it.each([
    [{ range: "2w" }, "24h"],
    [{ range: "custom" }, "24h"],
    [{ range: "custom", from: "2026-11-26T12:00:00Z", to: "2026-11-26T10:00:00Z" }, "24h"],
    [{ range: "custom", from: "not a time", to: "2026-11-26T10:00:00Z" }, "24h"],
    [{ range: "custom", from: "2026-11-26T10:00:00Z", to: "2026-11-26T12:00:00Z" }, "custom"],
  ])("a range %j is %s (nonsense falls back to the default)", (params, range) => {
    expect(parseViewState(params).range).toBe(range);
  });

  it("ignores a malformed segment and an unknown filter", () => {
    expect(parseViewState({ segment: "provider", filter: "worst" })).toMatchObject({ segment: null, filter: "all" });
    expect(parseViewState({ segment: ":x" }).segment).toBeNull();
    expect(parseViewState({ segment: "x:" }).segment).toBeNull();
  });

  it("presets end now and score now; a custom range ends, and scores, where it says", () => {
    const now = Date.parse("2026-11-26T12:00:00Z");
    expect(rangeBounds(parseViewState({ range: "1h" }), now)).toEqual({ from: now - HOUR, to: now });
    expect(rangeBounds(parseViewState({ range: "30d" }), now)).toEqual({ from: now - 720 * HOUR, to: now });
    expect(scoreAt(parseViewState({ range: "7d" }))).toBeNull();
    const custom = parseViewState({ range: "custom", from: "2026-11-20T00:00:00Z", to: "2026-11-21T00:00:00Z" });
    expect(rangeBounds(custom, now)).toEqual({ from: Date.parse("2026-11-20T00:00:00Z"), to: Date.parse("2026-11-21T00:00:00Z") });
    expect(scoreAt(custom)).toBe("2026-11-21T00:00:00.000Z");
  });
});
