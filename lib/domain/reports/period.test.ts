import { describe, expect, test } from "vitest";
import { calendarBounds, daysOf, PeriodError, previousPeriod, resolvePeriod } from "./period.ts";

const t = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

describe("calendarBounds (UTC)", () => {
  test.each([
    // 2026-11-26 is a Thursday: its week starts Monday 23 November.
    ["week", "2026-11-26T15:00:00Z", "2026-11-23T00:00:00.000Z", "2026-11-30T00:00:00.000Z"],
    // A Sunday belongs to the week that started six days before.
    ["week", "2026-11-29T23:59:59Z", "2026-11-23T00:00:00.000Z", "2026-11-30T00:00:00.000Z"],
    // A Monday at midnight starts its own week.
    ["week", "2026-11-30T00:00:00Z", "2026-11-30T00:00:00.000Z", "2026-12-07T00:00:00.000Z"],
    ["month", "2026-02-14T00:00:00Z", "2026-02-01T00:00:00.000Z", "2026-03-01T00:00:00.000Z"],
    ["month", "2026-12-31T23:00:00Z", "2026-12-01T00:00:00.000Z", "2027-01-01T00:00:00.000Z"],
    ["quarter", "2026-11-26T00:00:00Z", "2026-10-01T00:00:00.000Z", "2027-01-01T00:00:00.000Z"],
    ["quarter", "2026-03-31T23:59:59Z", "2026-01-01T00:00:00.000Z", "2026-04-01T00:00:00.000Z"],
  ] as const)("%s containing %s is [%s, %s)", (kind, at, start, end) => {
    const b = calendarBounds(kind, t(at));
    expect([iso(b.start), iso(b.end)]).toEqual([start, end]);
  });
});

describe("resolvePeriod and previousPeriod", () => {
  const now = t("2026-11-27T12:00:00Z");

  test("the running month runs to now and is compared with the same 26.5 days of October", () => {
    const p = resolvePeriod({ kind: "month", at: now }, now);
    expect(p).toMatchObject({ from: "2026-11-01T00:00:00.000Z", to: "2026-11-27T12:00:00.000Z", end: "2026-12-01T00:00:00.000Z", soFar: true, label: "November 2026" });
    const prev = previousPeriod(p, now);
    expect(prev).toMatchObject({ from: "2026-10-01T00:00:00.000Z", to: "2026-10-27T12:00:00.000Z", label: "October 2026", soFar: true });
  });

  test("a finished month is compared with the whole month before, whatever its length", () => {
    const p = resolvePeriod({ kind: "month", at: t("2026-03-10T00:00:00Z") }, now);
    expect(p).toMatchObject({ from: "2026-03-01T00:00:00.000Z", to: "2026-04-01T00:00:00.000Z", soFar: false, label: "March 2026" });
    expect(previousPeriod(p, now)).toMatchObject({ from: "2026-02-01T00:00:00.000Z", to: "2026-03-01T00:00:00.000Z", soFar: false });
  });

  test("a custom span is compared with the span of the same length just before it", () => {
    const p = resolvePeriod({ kind: "custom", from: t("2026-11-10T00:00:00Z"), to: t("2026-11-13T00:00:00Z") }, now);
    expect(p).toMatchObject({ label: "10 Nov 2026 – 12 Nov 2026", soFar: false });
    expect(previousPeriod(p, now)).toMatchObject({ from: "2026-11-07T00:00:00.000Z", to: "2026-11-10T00:00:00.000Z" });
  });

  test("a custom span reaching past now is cut to now, and so is its comparison", () => {
    const p = resolvePeriod({ kind: "custom", from: t("2026-11-27T00:00:00Z"), to: t("2026-11-28T00:00:00Z") }, now);
    expect(p).toMatchObject({ to: "2026-11-27T12:00:00.000Z", soFar: true });
    expect(previousPeriod(p, now)).toMatchObject({ from: "2026-11-26T00:00:00.000Z", to: "2026-11-26T12:00:00.000Z" });
  });

  test("a period in the future, or an empty one, is refused", () => {
    expect(() => resolvePeriod({ kind: "week", at: t("2026-12-01T00:00:00Z") }, now)).toThrow(PeriodError);
    expect(() => resolvePeriod({ kind: "custom", from: now - 1000, to: now - 1000 }, now)).toThrow(/end after it starts/);
  });
});

test("daysOf lists every UTC day a span touches", () => {
  expect(daysOf(t("2026-11-01T12:00:00Z"), t("2026-11-03T00:00:01Z")).map(iso)).toEqual([
    "2026-11-01T00:00:00.000Z", "2026-11-02T00:00:00.000Z", "2026-11-03T00:00:00.000Z",
  ]);
});
