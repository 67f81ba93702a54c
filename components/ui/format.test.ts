import { describe, expect, it } from "vitest";
import { formatMetric, formatTime } from "./format.ts";

describe("display formats", () => {
  it.each([
    [1234.4, "ms", "1,234 ms"],
    [15_200, "ms", "15.2 s"],
    [0.034, "ratio", "3.40 %"],
    [0.87, "ratio", "87.0 %"],
    [0.0042, "usd", "$0.0042"],
    [null, "ms", "—"],
  ] as const)("%s %s → %s", (value, unit, text) => {
    expect(formatMetric(value, unit)).toBe(text);
  });

  it("writes times in UTC with a fixed month spelling", () => {
    expect(formatTime("2026-09-03T07:05:09Z")).toBe("07:05:09 UTC");
    expect(formatTime("2026-09-03T07:05:09Z", true)).toBe("03 Sep 07:05 UTC");
  });
});
