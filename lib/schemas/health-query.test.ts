import { describe, expect, it } from "vitest";
import { HealthQuery, SegmentsQuery, TimeseriesQuery } from "./health-query.ts";

const issues = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  result.error?.issues.map((i) => [i.path.join("."), i.message]) ?? [];

describe("read API query strings", () => {
  it("parse windows, times and segments", () => {
    expect(HealthQuery.parse({ window: "30d", at: "2026-11-26T12:00:00+01:00", segment: "user_segment:enterprise:eu" })).toEqual({
      window: 30 * 86_400_000,
      at: new Date("2026-11-26T11:00:00Z"),
      segment: { dimension: "user_segment", value: "enterprise:eu" },
    });
    expect(HealthQuery.parse({})).toEqual({});
  });

  it.each([
    ["window", "90x", /Expected a window as whole minutes/],
    ["window", "30s", /whole minutes/],
    ["window", "401d", /up to 400 days/],
    ["at", "yesterday", /RFC 3339/],
    ["at", "2026-11-26T12:00:00", /with a zone/],
    ["segment", "provider", /<dimension>:<value>/],
    ["segment", ":x", /<dimension>:<value>/],
    ["segment", "provider:", /<dimension>:<value>/],
  ])("reject %s=%s with a message naming it", (field, value, message) => {
    const result = HealthQuery.safeParse({ [field]: value });
    expect(result.success).toBe(false);
    expect(issues(result)).toEqual([[field, expect.stringMatching(message)]]);
  });

  it("reject unknown parameters (a typo must not silently score the default window)", () => {
    expect(issues(HealthQuery.safeParse({ windw: "1h" }))).toEqual([["", expect.stringMatching(/windw/)]]);
    expect(SegmentsQuery.safeParse({ dimension: "" }).success).toBe(false);
  });

  it("timeseries: from before to, at most 400 days", () => {
    expect(issues(TimeseriesQuery.safeParse({ from: "2026-11-26T12:00:00Z", to: "2026-11-26T11:00:00Z" }))).toEqual([["from", "Expected from before to."]]);
    expect(issues(TimeseriesQuery.safeParse({ from: "2025-01-01T00:00:00Z", to: "2026-11-26T00:00:00Z" }))).toEqual([["to", "A timeseries spans at most 400 days."]]);
    expect(TimeseriesQuery.parse({ step: "5m" })).toEqual({ step: 300_000 });
  });
});
