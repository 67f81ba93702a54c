import { describe, expect, test } from "vitest";
import { utf8Length } from "./queue.ts";
import { backoffDelay, isRetryableStatus, MAX_RETRY_AFTER_MS, parseRetryAfter } from "./retry.ts";

const NOW = Date.UTC(2026, 10, 26, 12, 0, 0);

describe("parseRetryAfter", () => {
  test.each([
    [null, null],
    ["", null],
    ["soon", null],
    ["0", 0],
    ["2", 2_000],
    [" 30 ", 30_000],
    ["1.5", 1_500],
    ["999999", MAX_RETRY_AFTER_MS],
    [new Date(NOW + 5_000).toUTCString(), 5_000],
    [new Date(NOW - 5_000).toUTCString(), 0],
  ])("%j → %j ms", (header, expected) => {
    expect(parseRetryAfter(header, NOW)).toBe(expected);
  });
});

test.each([
  [408, true], [429, true], [500, true], [502, true], [503, true], [599, true],
  [200, false], [207, false], [400, false], [401, false], [403, false], [404, false], [413, false], [415, false], [422, false],
])("isRetryableStatus(%i) = %s", (status, retry) => {
  expect(isRetryableStatus(status)).toBe(retry);
});

describe("backoffDelay", () => {
  test("doubles per attempt, half of it jittered, up to the cap", () => {
    expect([0, 1, 2, 3].map((a) => backoffDelay(a, 100, 1_000, () => 0))).toEqual([50, 100, 200, 400]);
    expect([0, 1, 2, 3].map((a) => backoffDelay(a, 100, 1_000, () => 0.999999))).toEqual([100, 200, 400, 800]);
    expect(backoffDelay(10, 100, 1_000, () => 0)).toBe(500);
    expect(backoffDelay(1_000, 100, 1_000, () => 1)).toBe(1_000);
  });
});

test.each(["", "plain ascii", "é", "✓", "🎉", "a🎉b✓cé", "\ud800"])("utf8Length(%j) matches Buffer.byteLength", (s) => {
  expect(utf8Length(s)).toBe(Buffer.byteLength(s, "utf8"));
});
