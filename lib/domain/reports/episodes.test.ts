import { expect, test } from "vitest";
import { episodeFigures, type Episode } from "./episodes.ts";

const MIN = 60_000;
const from = 1_000 * MIN;
const to = 2_000 * MIN;
const e = (severity: Episode["severity"], firing: number, ack: number | null, resolved: number | null): Episode => ({
  severity, firingAt: from + firing * MIN, acknowledgedAt: ack === null ? null : from + ack * MIN, resolvedAt: resolved === null ? null : from + resolved * MIN,
});

test("episodes inside the period: counts by severity, MTTA and MTTR sums", () => {
  const f = episodeFigures([e("critical", 10, 14, 40), e("warning", 100, 106, 130), e("critical", 200, null, 260)], from, to);
  expect(f.episodes).toEqual({ warning: 1, critical: 2 });
  // ack: 4 + 6 = 10 min over 2; resolve: 30 + 30 + 60 = 120 min over 3
  expect([f.ackMs / MIN, f.acknowledged, f.resolveMs / MIN, f.resolved, f.openAtEnd, f.carriedIn]).toEqual([10, 2, 120, 3, 0, 0]);
});

test("open at the end: still firing, or resolved / acknowledged only after the end, stays out of MTTR and MTTA", () => {
  const f = episodeFigures([e("critical", 990, null, null), e("warning", 950, 1_005, 1_010), e("critical", 900, 910, 999)], from, to);
  expect(f.episodes).toEqual({ warning: 1, critical: 2 });
  expect(f.openAtEnd).toBe(2);
  expect([f.resolved, f.resolveMs / MIN, f.acknowledged, f.ackMs / MIN]).toEqual([1, 99, 1, 10]);
});

test("fired before the period: carried in when open at its start, never counted again", () => {
  const f = episodeFigures([e("critical", -30, -20, 15), e("warning", -60, null, null), e("warning", -90, null, -1), e("critical", -10, null, 0)], from, to);
  expect(f.episodes).toEqual({ warning: 0, critical: 0 });
  expect(f.carriedIn).toBe(2); // resolved at the start instant is not open at it
  expect([f.resolved, f.acknowledged, f.openAtEnd]).toEqual([0, 0, 0]);
});

test("an episode firing exactly at the end belongs to the next period; at the start, to this one", () => {
  const f = episodeFigures([e("warning", 1_000, null, null), e("warning", 0, null, null)], from, to);
  expect(f.episodes.warning).toBe(1);
});

test("an acknowledgement recorded before firing counts as zero", () => {
  const f = episodeFigures([e("critical", 10, 9, null)], from, to);
  expect([f.ackMs, f.acknowledged]).toEqual([0, 1]);
});
