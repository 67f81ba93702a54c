import { describe, expect, it } from "vitest";
import { OK, replayAlerts, stepRule, type RulePolicy, type Sample } from "./state-machine.ts";

// Scripted score series, one sample a minute, with the episodes worked out by hand from DESIGN.md §7:
// breach = score < threshold; fire once the breach has held for `for`; resolve at ≥ threshold + hysteresis.

const MIN = 60_000;
/** Scores at minutes 0, 1, 2, … (null = no data). */
const series = (...scores: (number | null)[]): Sample[] => scores.map((score, i) => ({ at: i * MIN, score }));
const thresholds = { warning: 80, critical: 60 };
const alerting = (over: Partial<{ for: number; hysteresis: number; noData: "keep" | "ok" | "alert" }> = {}) =>
  ({ for: 2 * MIN, hysteresis: 0, noData: "keep" as const, ...over });

const minute = (n: number | null) => (n === null ? null : n * MIN);
const episode = (severity: "warning" | "critical", pending: number, firing: number | null, ended: number | null, worst: number | null) =>
  ({ severity, pendingSince: pending * MIN, firingSince: minute(firing), endedAt: minute(ended), worstScore: worst });

describe("stepRule", () => {
  const policy: RulePolicy = { threshold: 80, for: 2 * MIN, hysteresis: 5, noData: "keep" };

  it("opens pending on the first breach and fires once the breach has held for `for`", () => {
    const s1 = stepRule(OK, { at: 0, score: 70 }, policy);
    expect(s1).toEqual({ state: { state: "pending", pendingSince: 0, firingSince: null }, transitions: ["pending"] });
    const s2 = stepRule(s1.state, { at: MIN, score: 70 }, policy); // held 1 min < 2 min
    expect(s2.transitions).toEqual([]);
    const s3 = stepRule(s2.state, { at: 2 * MIN, score: 75 }, policy); // held 2 min
    expect(s3).toEqual({ state: { state: "firing", pendingSince: 0, firingSince: 2 * MIN }, transitions: ["firing"] });
  });

  it("fires at once with for: 0", () => {
    expect(stepRule(OK, { at: 5, score: 10 }, { ...policy, for: 0 })).toEqual({
      state: { state: "firing", pendingSince: 5, firingSince: 5 }, transitions: ["pending", "firing"],
    });
  });

  it("a score exactly at the threshold is not a breach", () => {
    expect(stepRule(OK, { at: 0, score: 80 }, policy).transitions).toEqual([]);
  });

  it("a firing rule resolves only at threshold + hysteresis", () => {
    const firing = { state: "firing" as const, pendingSince: 0, firingSince: 0 };
    expect(stepRule(firing, { at: MIN, score: 84.9 }, policy).transitions).toEqual([]);
    expect(stepRule(firing, { at: MIN, score: 85 }, policy)).toEqual({ state: OK, transitions: ["resolved"] });
  });

  it("a pending rule is cancelled as soon as the score is back at the threshold, hysteresis or not", () => {
    const pending = { state: "pending" as const, pendingSince: 0, firingSince: null };
    expect(stepRule(pending, { at: MIN, score: 81 }, policy)).toEqual({ state: OK, transitions: ["cancelled"] });
  });
});

describe("replayAlerts", () => {
  it("`for`: a two-minute dip does not fire, a three-minute one does", () => {
    // minutes: 0 ok, 1–2 breach (cancelled at 3), 5–7 breach: pending at 5, fires at 7 (5 + 2), resolves at 8.
    const scores = series(90, 70, 70, 90, 90, 70, 70, 70, 90);
    expect(replayAlerts(scores, { thresholds, alerting: alerting() })).toEqual([
      episode("warning", 1, null, 3, 70),
      episode("warning", 5, 7, 8, 70),
    ]);
  });

  it("hysteresis: a score hovering just above the threshold keeps one episode firing instead of flapping", () => {
    const flapping = series(70, 70, 70, 81, 79, 82, 78, 83, 79, 86);
    // Without hysteresis: fires at 2, resolves at 3 (81 ≥ 80), re-opens at 4, cancelled at 5, …: four episodes.
    expect(replayAlerts(flapping, { thresholds, alerting: alerting() })).toEqual([
      episode("warning", 0, 2, 3, 70),
      episode("warning", 4, null, 5, 79),
      episode("warning", 6, null, 7, 78),
      episode("warning", 8, null, 9, 79),
    ]);
    // With hysteresis 5: firing since minute 2 until 86 ≥ 85 at minute 9 — one episode, one page.
    expect(replayAlerts(flapping, { thresholds, alerting: alerting({ hysteresis: 5 }) })).toEqual([
      episode("warning", 0, 2, 9, 70),
    ]);
  });

  it("no data, keep: the state holds and a gap does not count towards `for`", () => {
    // pending at 0; minutes 1–3 no data (held, not fired); breach again at 4: held since 0 ≥ 2 min → fires at 4.
    const scores = series(70, null, null, null, 70, null, 90);
    expect(replayAlerts(scores, { thresholds, alerting: alerting({ noData: "keep" }) })).toEqual([
      episode("warning", 0, 4, 6, 70),
    ]);
  });

  it("no data, ok: a gap resolves a firing episode and cancels a pending one", () => {
    const scores = series(70, 70, 70, null, 70, null);
    expect(replayAlerts(scores, { thresholds, alerting: alerting({ noData: "ok" }) })).toEqual([
      episode("warning", 0, 2, 3, 70),
      episode("warning", 4, null, 5, 70),
    ]);
  });

  it("no data, alert: a silent service fires both severities", () => {
    const scores = series(95, null, null, null, 95);
    expect(replayAlerts(scores, { thresholds, alerting: alerting({ noData: "alert" }) })).toEqual([
      episode("critical", 1, 3, 4, null),
      episode("warning", 1, 3, 4, null),
    ]);
  });

  it("escalation warning → critical and back: each severity has its own episode", () => {
    // 75 breaches warning only; 50 breaches both; back to 70 (critical resolves with hysteresis 5: 70 ≥ 65),
    // then 90 resolves the warning (90 ≥ 85).
    const scores = series(75, 75, 75, 50, 50, 50, 70, 70, 90);
    expect(replayAlerts(scores, { thresholds, alerting: alerting({ hysteresis: 5 }) })).toEqual([
      episode("warning", 0, 2, 8, 50),
      episode("critical", 3, 5, 6, 50),
    ]);
  });

  it("an episode still open at the end of the series has no end", () => {
    expect(replayAlerts(series(50, 50, 50), { thresholds, alerting: alerting() })).toEqual([
      episode("critical", 0, 2, null, 50),
      episode("warning", 0, 2, null, 50),
    ]);
  });
});
