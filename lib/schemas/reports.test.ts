import { expect, test } from "vitest";
import { ReportQuery } from "./reports.ts";

const issues = (input: Record<string, string>) => {
  const r = ReportQuery.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
};

test("defaults: this month by business unit, as JSON", () => {
  expect(ReportQuery.parse({})).toEqual({ period: "month", groupBy: "business_unit", format: "json" });
});

test("a calendar period picked by a day, and a custom one by bounds", () => {
  expect(ReportQuery.parse({ period: "week", date: "2026-11-04" }).date).toBe(Date.parse("2026-11-04T00:00:00Z"));
  expect(ReportQuery.parse({ period: "custom", from: "2026-11-01T00:00:00Z", to: "2026-11-02T00:00:00+01:00" })).toMatchObject({
    from: Date.parse("2026-11-01T00:00:00Z"), to: Date.parse("2026-11-01T23:00:00Z"),
  });
});

test.each([
  [{ period: "year" }, "period: Expected one of week, month, quarter, custom."],
  [{ groupBy: "team" }, "groupBy: Expected one of business_unit, risk_tier, both."],
  [{ date: "2026-13-01" }, "date: Expected a day as YYYY-MM-DD, like 2026-11-15."],
  [{ period: "custom", to: "2026-11-02T00:00:00Z" }, "from: A custom period needs from (RFC 3339)."],
  [{ period: "custom", from: "2026-11-02T00:00:00Z", to: "2026-11-01T00:00:00Z" }, "from: Expected from before to."],
  [{ period: "custom", from: "2024-01-01T00:00:00Z", to: "2026-01-01T00:00:00Z" }, "to: A custom period spans at most 400 days."],
  [{ period: "month", from: "2026-11-01T00:00:00Z" }, "from: from is for period=custom; a month is picked by date=YYYY-MM-DD."],
  [{ format: "pdf" }, "format: Expected json or csv."],
  [{ window: "1h" }, ': Unrecognized key: "window"'],
])("%j is refused: %s", (input, message) => {
  expect(issues(input)).toContain(message);
});
