import { describe, expect, it } from "vitest";
import { parseVendorSearch } from "./vendor-search.ts";

describe("parseVendorSearch", () => {
  it("widens plain days to midnight UTC and ignores empty fields", () => {
    expect(parseVendorSearch({ period: "custom", from: "2026-11-21", to: "2026-11-24", date: "" })).toEqual({
      query: { period: "custom", from: Date.parse("2026-11-21T00:00:00Z"), to: Date.parse("2026-11-24T00:00:00Z"), date: undefined },
      issues: [],
    });
  });

  it("falls back to this month and names what was wrong", () => {
    const { query, issues } = parseVendorSearch({ period: "custom", from: "2026-11-21" });
    expect(query.period).toBe("month");
    expect(issues).toEqual(["to: A custom period needs to (RFC 3339)."]);
  });
});
