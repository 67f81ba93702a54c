import { expect, test } from "vitest";
import { backtestChartPoints, episodeRows, formatSpan, statusShares, type BacktestSeriesLike } from "./backtest-series.ts";

const series = (points: [string, number | null][], episodes: BacktestSeriesLike["episodes"] = []): BacktestSeriesLike => ({
  points: points.map(([at, score]) => ({ at, score, status: score === null ? "no_data" : "healthy" })),
  episodes,
  timeInStatus: { healthy: 0, warning: 0, critical: 0, no_data: 0 },
});

test("both series share one time axis, with gaps where one has no point", () => {
  const rows = backtestChartPoints(series([["2026-01-01T01:00:00Z", 90], ["2026-01-01T00:00:00Z", 80]]), series([["2026-01-01T01:00:00Z", 70], ["2026-01-01T02:00:00Z", null]]));
  expect(rows).toEqual([
    { t: Date.parse("2026-01-01T00:00:00Z"), current: 80, proposed: null },
    { t: Date.parse("2026-01-01T01:00:00Z"), current: 90, proposed: 70 },
    { t: Date.parse("2026-01-01T02:00:00Z"), current: null, proposed: null },
  ]);
  expect(backtestChartPoints(null, series([["2026-01-01T00:00:00Z", 50]]))).toEqual([{ t: Date.parse("2026-01-01T00:00:00Z"), current: null, proposed: 50 }]);
});

test("episodes of both configs come in time order, labelled", () => {
  const e = (pendingSince: string) => ({ severity: "warning" as const, pendingSince, firingSince: null, endedAt: null, worstScore: 70 });
  const rows = episodeRows(series([], [e("2026-01-02T00:00:00Z")]), series([], [e("2026-01-01T00:00:00Z"), e("2026-01-02T00:00:00Z")]));
  expect(rows.map((r) => `${r.config} ${r.pendingSince.slice(0, 10)}`)).toEqual(["proposed 2026-01-01", "current 2026-01-02", "proposed 2026-01-02"]);
});

test.each([
  [0, "0 min"],
  [45 * 60, "45 min"],
  [3 * 3600 + 20 * 60, "3 h 20 min"],
  [2 * 86_400 + 3600, "2 d 1 h"],
])("%d seconds read %s", (seconds, text) => {
  expect(formatSpan(seconds)).toBe(text);
});

test("status shares add up to 100, and are 0 over an empty range", () => {
  expect(statusShares({ healthy: 3600, warning: 1800, critical: 1800, no_data: 0 })).toEqual({ healthy: 50, warning: 25, critical: 25, no_data: 0 });
  expect(statusShares({ healthy: 0, warning: 0, critical: 0, no_data: 0 })).toEqual({ healthy: 0, warning: 0, critical: 0, no_data: 0 });
});
