import { describe, expect, test } from "vitest";
import { emptyStats, meanScore, mergeStats, snapshotStats, statusTimes, type SnapshotPoint } from "./time-in-status.ts";

const MIN = 60_000;
const from = Date.parse("2026-11-02T00:00:00Z");
const at = (minutes: number) => from + minutes * MIN;
const snap = (minutes: number, score: number | null, status: SnapshotPoint["status"]): SnapshotPoint => ({ at: at(minutes), score, status });

describe("time in status from snapshots (cap 15 min)", () => {
  test("each snapshot holds until the next; a status change splits the time", () => {
    // 0–10 healthy (90), 10–20 warning (70), 20–30 critical (50), period 30 minutes.
    const stats = snapshotStats([snap(0, 90, "healthy"), snap(10, 70, "warning"), snap(20, 50, "critical")], from, at(30));
    expect(statusTimes(stats, 30 * MIN)).toEqual({ healthy: 10 * MIN, warning: 10 * MIN, critical: 10 * MIN, no_data: 0 });
    // (90·10 + 70·10 + 50·10) / 30 = 70
    expect(meanScore(stats.scoreMs, stats.scoredMs)).toBe(70);
  });

  test("a gap longer than the cap is no data past the cap", () => {
    // healthy at 0 holds 15 min (cap), 15–60 is no data, warning at 60 holds to the end at 70.
    const stats = snapshotStats([snap(0, 85, "healthy"), snap(60, 75, "warning")], from, at(70));
    expect(statusTimes(stats, 70 * MIN)).toEqual({ healthy: 15 * MIN, warning: 10 * MIN, critical: 0, no_data: 45 * MIN });
    // (85·15 + 75·10) / 25 = 81
    expect(meanScore(stats.scoreMs, stats.scoredMs)).toBe(81);
  });

  test("the last snapshot before the period covers its start; a snapshot past the end counts nothing", () => {
    // critical at −5 min holds to 10 (cap from −5), clipped to start at 0: 10 min critical; then healthy 12–27 (cap), end at 30.
    const stats = snapshotStats([snap(-20, 99, "healthy"), snap(-5, 40, "critical"), snap(12, 95, "healthy"), snap(31, 10, "critical")], from, at(30));
    expect(statusTimes(stats, 30 * MIN)).toEqual({ healthy: 15 * MIN, warning: 0, critical: 10 * MIN, no_data: 5 * MIN });
  });

  test("no_data snapshots count as no data and carry no score", () => {
    const stats = snapshotStats([snap(0, null, "no_data"), snap(5, 60, "warning")], from, at(10));
    expect(statusTimes(stats, 10 * MIN)).toEqual({ healthy: 0, warning: 5 * MIN, critical: 0, no_data: 5 * MIN });
    expect(meanScore(stats.scoreMs, stats.scoredMs)).toBe(60);
  });

  test("no snapshots at all: the whole period is no data and there is no score", () => {
    const stats = snapshotStats([], from, at(60));
    expect(statusTimes(stats, 60 * MIN)).toEqual({ healthy: 0, warning: 0, critical: 0, no_data: 60 * MIN });
    expect(meanScore(stats.scoreMs, stats.scoredMs)).toBeNull();
  });

  test("per-day sums split an interval at midnight, and a span's figures are the sum of its days'", () => {
    // critical 50 from −10 min to +5 (cap): 10 min on the day before, 5 min on the day; healthy 100 at 1435 for 15 min.
    const points = [snap(-10, 50, "critical"), snap(1440 - 5, 100, "healthy")];
    const whole = snapshotStats(points, from - 10 * MIN, at(1440 + 10));
    expect([...whole.byDay.keys()]).toEqual([from - 86_400_000, from, from + 86_400_000]);
    expect(whole.byDay.get(from)).toEqual({ scoreMs: (50 * 5 + 100 * 5) * MIN, scoredMs: 10 * MIN });
    const parts = emptyStats();
    for (const [a, b] of [[from - 10 * MIN, from], [from, at(1440)], [at(1440), at(1450)]]) mergeStats(parts, snapshotStats(points, a!, b!));
    expect(parts).toEqual(whole);
  });
});
