import { describe, expect, it } from "vitest";
import { lastDueAt, parseWeeklySchedule, weekKeptAt, weeklyDedupKey } from "./weekly-schedule.ts";

// 2026-11-23 is a Monday; 2026-11-16 the Monday before.
const t = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();
const MON = parseWeeklySchedule("MON 00:00")!;

describe("parseWeeklySchedule", () => {
  it.each([
    ["MON 00:00", { weekday: 1, minute: 0 }],
    ["wed 09:30", { weekday: 3, minute: 570 }],
    [" SUN 23:59 ", { weekday: 0, minute: 1439 }],
  ])("%s", (text, expected) => expect(parseWeeklySchedule(text)).toEqual(expected));

  it("off disables the job", () => expect(parseWeeklySchedule("off")).toBeNull());

  it.each(["MONDAY 00:00", "MON 24:00", "MON 12:60", "MON 9:00", "", "XYZ 00:00"])("refuses %j and names the format", (text) => {
    expect(() => parseWeeklySchedule(text)).toThrow(/expected "<day> <HH:MM>" in UTC/);
  });
});

describe("which week is kept, and when", () => {
  it.each([
    // now, schedule, last due instant, week kept
    ["2026-11-23T00:00:00Z", "MON 00:00", "2026-11-23T00:00:00.000Z", "2026-11-16T00:00:00.000Z"], // exactly due
    ["2026-11-22T23:59:59Z", "MON 00:00", "2026-11-16T00:00:00.000Z", "2026-11-09T00:00:00.000Z"], // a second early
    ["2026-11-27T02:00:00Z", "MON 00:00", "2026-11-23T00:00:00.000Z", "2026-11-16T00:00:00.000Z"], // catch-up on Friday
    ["2026-11-25T09:00:00Z", "WED 09:00", "2026-11-25T09:00:00.000Z", "2026-11-16T00:00:00.000Z"], // later in the week: same week
    ["2026-11-25T08:59:00Z", "WED 09:00", "2026-11-18T09:00:00.000Z", "2026-11-09T00:00:00.000Z"],
    ["2026-11-29T23:30:00Z", "SUN 23:00", "2026-11-29T23:00:00.000Z", "2026-11-16T00:00:00.000Z"], // the running week is not whole yet
    ["2027-01-04T00:00:00Z", "MON 00:00", "2027-01-04T00:00:00.000Z", "2026-12-28T00:00:00.000Z"], // across a year
  ])("at %s with %s: due %s, keeps the week of %s", (now, text, due, week) => {
    const dueAt = lastDueAt(parseWeeklySchedule(text)!, t(now));
    expect(iso(dueAt)).toBe(due);
    expect(iso(weekKeptAt(dueAt))).toBe(week);
  });

  it("every instant of a week between two due instants keeps the same week (idempotent key)", () => {
    const keys = new Set<string>();
    for (let now = t("2026-11-23T00:00:00Z"); now < t("2026-11-30T00:00:00Z"); now += 3_600_000) {
      keys.add(weeklyDedupKey(weekKeptAt(lastDueAt(MON, now)), "business_unit"));
    }
    expect([...keys]).toEqual(["weekly:2026-11-16T00:00:00.000Z:business_unit"]);
  });
});
