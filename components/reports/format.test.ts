import { expect, test } from "vitest";
import { changeTone, formatChange, formatDuration, formatUsd } from "./format.ts";

test.each([
  [null, "—"], [45_000, "45 s"], [12 * 60_000, "12 min"], [200 * 60_000, "3 h 20 min"], [2 * 3_600_000, "2 h"],
  [(52 * 60 + 4) * 60_000, "2 d 4 h"], [-90 * 60_000, "−1 h 30 min"],
])("formatDuration(%s) = %s", (ms, text) => {
  expect(formatDuration(ms)).toBe(text);
});

test.each([[0.0123, "$0.0123"], [12.5, "$12.50"], [1234.4, "$1,234"], [-2, "−$2.00"], [null, "—"]])("formatUsd(%s) = %s", (v, text) => {
  expect(formatUsd(v)).toBe(text);
});

test("a change is signed, and its tone depends on which way is better", () => {
  expect(formatChange(3.25, (x) => x.toFixed(1))).toBe("+3.3");
  expect(formatChange(-600_000, formatDuration)).toBe("−10 min");
  expect(formatChange(0, String)).toBe("±0");
  expect(formatChange(null, String)).toBe("—");
  expect([changeTone(-5, "up"), changeTone(-5, "down"), changeTone(0, "up"), changeTone(null, "down")]).toEqual(["bad", "good", "flat", "flat"]);
});
