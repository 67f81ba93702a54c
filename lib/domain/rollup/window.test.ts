import { describe, expect, it } from "vitest";
import { seededRandom } from "./testing.ts";
import { compactionCutoff, DAY_MS, DEFAULT_RETENTION, floorToTier, HOUR_MS, MINUTE_MS } from "./tiers.ts";
import { planWindow, type WindowPart } from "./window.ts";

const ms = (iso: string) => Date.parse(iso);
const iso = (t: number) => new Date(t).toISOString().replace(":00.000Z", "Z");
const show = (parts: WindowPart[]) => parts.map((p) => `${p.tier} ${iso(p.from)} – ${iso(p.to)}`);

// At NOW the minute cutoff is 2026-11-19T17:00Z (7 days back, floored to the hour) and the hour cutoff
// 2026-08-28T00:00Z (90 days back, floored to the day).
const NOW = ms("2026-11-26T17:42:10Z");

describe("planWindow", () => {
  it.each([
    ["an empty window", "2026-11-26T10:00:00Z", "2026-11-26T10:00:00Z", []],
    ["a reversed window", "2026-11-26T11:00:00Z", "2026-11-26T10:00:00Z", []],
    ["a recent window within one hour: minute rows starting in it", "2026-11-26T10:15:30Z", "2026-11-26T10:45:00Z", [
      "minute 2026-11-26T10:16Z – 2026-11-26T10:45Z",
    ]],
    ["the last hour, unaligned: minutes of two partial hours, merged", "2026-11-26T16:42:10Z", "2026-11-26T17:42:10Z", [
      "minute 2026-11-26T16:43Z – 2026-11-26T17:43Z",
    ]],
    ["the last 24 hours on whole hours: hour rows only", "2026-11-25T17:00:00Z", "2026-11-26T17:00:00Z", [
      "hour 2026-11-25T17:00Z – 2026-11-26T17:00Z",
    ]],
    ["a recent window with both edges partial", "2026-11-26T08:20:00Z", "2026-11-26T12:30:00Z", [
      "minute 2026-11-26T08:20Z – 2026-11-26T09:00Z", "hour 2026-11-26T09:00Z – 2026-11-26T12:00Z", "minute 2026-11-26T12:00Z – 2026-11-26T12:30Z",
    ]],
    ["30 days ending now: one hour range back past the minute cutoff, minutes of the current hour", "2026-10-27T17:42:10Z", "2026-11-26T17:42:10Z", [
      "hour 2026-10-27T18:00Z – 2026-11-26T17:00Z", "minute 2026-11-26T17:00Z – 2026-11-26T17:43Z",
    ]],
    ["across the minute cutoff: hours before it include an edge hour that starts in the window", "2026-11-19T15:20:00Z", "2026-11-19T18:30:00Z", [
      "hour 2026-11-19T16:00Z – 2026-11-19T18:00Z", "minute 2026-11-19T18:00Z – 2026-11-19T18:30Z",
    ]],
    ["between the cutoffs, unaligned: the hours that start in the window", "2026-11-10T08:30:00Z", "2026-11-12T09:15:00Z", [
      "hour 2026-11-10T09:00Z – 2026-11-12T10:00Z",
    ]],
    ["between the cutoffs, within an hour it does not start: nothing", "2026-11-10T08:10:00Z", "2026-11-10T08:50:00Z", []],
    ["between the cutoffs, from an hour's start: that hour, whole", "2026-11-10T08:00:00Z", "2026-11-10T08:30:00Z", [
      "hour 2026-11-10T08:00Z – 2026-11-10T09:00Z",
    ]],
    ["before the hour cutoff: the days that start in it, from day rows and hour rows not yet compacted", "2026-06-01T12:00:00Z", "2026-06-05T06:00:00Z", [
      "day 2026-06-02T00:00Z – 2026-06-06T00:00Z", "hour 2026-06-02T00:00Z – 2026-06-06T00:00Z",
    ]],
    ["across both cutoffs", "2026-08-20T06:30:00Z", "2026-11-26T12:10:00Z", [
      "day 2026-08-21T00:00Z – 2026-08-28T00:00Z", "hour 2026-08-21T00:00Z – 2026-11-26T12:00Z", "minute 2026-11-26T12:00Z – 2026-11-26T12:10Z",
    ]],
    ["across both cutoffs, starting on the hour cutoff's day", "2026-08-28T00:00:00Z", "2026-11-19T17:30:00Z", [
      "hour 2026-08-28T00:00Z – 2026-11-19T17:00Z", "minute 2026-11-19T17:00Z – 2026-11-19T17:30Z",
    ]],
    ["in the future: minutes and hours as for any recent window", "2026-11-26T17:30:00Z", "2026-11-26T19:00:00Z", [
      "minute 2026-11-26T17:30Z – 2026-11-26T18:00Z", "hour 2026-11-26T18:00Z – 2026-11-26T19:00Z",
    ]],
  ])("%s", (_, from, to, expected) => {
    expect(show(planWindow(ms(from), ms(to), NOW))).toEqual(expected);
  });

  it("follows the retention it is given", () => {
    const retention = { ...DEFAULT_RETENTION, minute: DAY_MS, hour: 10 * DAY_MS };
    // Cutoffs: minutes from 2026-11-25T17:00Z, hours from 2026-11-16T00:00Z.
    expect(show(planWindow(ms("2026-11-14T00:00:00Z"), ms("2026-11-26T17:30:00Z"), NOW, retention))).toEqual([
      "day 2026-11-14T00:00Z – 2026-11-16T00:00Z", "hour 2026-11-14T00:00Z – 2026-11-26T17:00Z", "minute 2026-11-26T17:00Z – 2026-11-26T17:30Z",
    ]);
  });

  // Each minute is counted by the parts that hold it at the finest granularity kept there: its minute row from the
  // minute cutoff on; else its hour row back to the hour cutoff; else its day, read as the day row plus the hour rows
  // compaction has not merged yet (both or neither). It must be counted once exactly when that bucket starts in the
  // window, and parts of one tier must not overlap.
  it("counts every minute once, in the finest bucket kept for it, exactly when that bucket starts in the window", () => {
    const random = seededRandom(7);
    const minuteCut = compactionCutoff("minute", NOW);
    const hourCut = compactionCutoff("hour", NOW);
    const span = 100 * DAY_MS;
    const within = (parts: WindowPart[], tier: string, t: number) => parts.some((p) => p.tier === tier && p.from <= t && t < p.to);
    for (let trial = 0; trial < 120; trial++) {
      const unit = [MINUTE_MS, HOUR_MS, DAY_MS, 1_000][trial % 4]!;
      const from = NOW - Math.floor((random() * span) / unit) * unit - (trial % 5 === 0 ? 17_000 : 0);
      const to = from + Math.floor((random() * span) / 3 / unit) * unit + (trial % 3 === 0 ? 29_000 : 0);
      const parts = planWindow(from, to, NOW);
      for (const tier of ["minute", "hour", "day"]) {
        const ofTier = parts.filter((p) => p.tier === tier);
        ofTier.forEach((p, i) => {
          expect(p.from).toBeLessThan(p.to);
          if (i > 0) expect(p.from).toBeGreaterThan(ofTier[i - 1]!.to);
        });
      }
      for (let probe = 0; probe < 200; probe++) {
        const m = floorToTier("minute", from - DAY_MS + random() * (to - from + 2 * DAY_MS));
        const hour = floorToTier("hour", m);
        const day = floorToTier("day", m);
        let bucket: number;
        let counted: number;
        if (m >= minuteCut) {
          bucket = m;
          counted = Number(within(parts, "minute", m)) + Number(within(parts, "hour", hour));
        } else if (m >= hourCut) {
          bucket = hour;
          counted = Number(within(parts, "hour", hour));
        } else {
          bucket = day;
          expect(within(parts, "hour", hour)).toBe(within(parts, "day", day));
          counted = Number(within(parts, "day", day));
        }
        expect(counted).toBe(from <= bucket && bucket < to ? 1 : 0);
      }
    }
  });
});
