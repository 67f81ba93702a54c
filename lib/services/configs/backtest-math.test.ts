import { describe, expect, it } from "vitest";
import { backtestEnds, backtestStep, timeInStatus } from "./backtest-math.ts";

const MIN = 60_000;
const DAY = 86_400_000;

describe("backtest arithmetic", () => {
  // 2 days at 1 minute is exactly 2,880 points (within the budget); 3 days would be 4,320, so 5 minutes (864).
  it.each([
    [1, 1],
    [2, 1],
    [3, 5],
    [7, 5],
    [30, 15],
  ])("picks the finest step within the point budget for %i days: %i min", (days, minutes) => {
    expect(backtestStep(days * DAY) / MIN).toBe(minutes);
  });

  it("ends on the last whole step and spaces the points one step apart", () => {
    // now = 12:07:30; 5-minute steps over 20 minutes: the range is 11:45–12:05, points at 11:50, 11:55, 12:00, 12:05.
    const now = Date.UTC(2026, 10, 26, 12, 7, 30);
    const { from, to, ends } = backtestEnds(now, 20 * MIN, 5 * MIN);
    expect(new Date(to).toISOString()).toBe("2026-11-26T12:05:00.000Z");
    expect(new Date(from).toISOString()).toBe("2026-11-26T11:45:00.000Z");
    expect(ends.map((e) => new Date(e).toISOString().slice(11, 16))).toEqual(["11:50", "11:55", "12:00", "12:05"]);
  });

  it("counts each point as one step of time in its status", () => {
    // 5-minute steps = 300 s each: 3 healthy = 900 s, 2 warning = 600 s, 1 critical = 300 s, 0 no_data.
    const t = timeInStatus(["healthy", "warning", "healthy", "critical", "warning", "healthy"], 5 * MIN);
    expect(t).toEqual({ healthy: 900, warning: 600, critical: 300, no_data: 0 });
    // A 7-day range at 5 minutes has 2,016 points: the statuses' seconds add up to 7 × 86,400 = 604,800.
    const { ends } = backtestEnds(Date.UTC(2026, 10, 26), 7 * DAY, 5 * MIN);
    const all = timeInStatus(ends.map(() => "no_data" as const), 5 * MIN);
    expect(ends).toHaveLength(2016);
    expect(all.no_data).toBe(604_800);
  });
});
