import { describe, expect, it } from "vitest";
import { describeDuration, eventLabel, formatDuration } from "./alert-format.ts";

describe("alert wording", () => {
  it.each([
    [0, "0 s"],
    [59_400, "59 s"],
    [60_000, "1 min"],
    [59 * 60_000, "59 min"],
    [3 * 3_600_000 + 5 * 60_000, "3 h 5 min"],
    [5 * 3_600_000, "5 h"],
    [50 * 3_600_000, "2 d 2 h"],
    [72 * 3_600_000, "3 d"],
    [-5_000, "0 s"],
  ])("formats %i ms as %s", (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it("says how long an open episode has lasted, and how long a closed one lasted", () => {
    const start = "2026-11-26T11:00:00Z";
    const now = Date.parse("2026-11-26T12:30:00Z");
    expect(describeDuration({ state: "firing", pendingSince: start, firingSince: start, resolvedAt: null }, now)).toBe("firing for 1 h 30 min");
    expect(describeDuration({ state: "resolved", pendingSince: start, firingSince: start, resolvedAt: "2026-11-26T11:20:00Z" }, now)).toBe("resolved after 20 min");
  });

  it("names timeline events, and falls back to the kind for ones it does not know", () => {
    expect(eventLabel("resolved_by_hand")).toBe("Resolved by hand");
    expect(eventLabel("something_new")).toBe("something new");
  });
});
