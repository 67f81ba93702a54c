import { expect, test } from "vitest";
import { parseReportSearch, reportSearch, serviceHref } from "./report-search.ts";

test("the form's plain days become midnight UTC; empty fields are ignored", () => {
  const { query, issues } = parseReportSearch({ period: "custom", from: "2026-11-01", to: "2026-11-08", date: "", groupBy: "both" });
  expect(issues).toEqual([]);
  expect(query).toMatchObject({ period: "custom", groupBy: "both", from: Date.parse("2026-11-01T00:00:00Z"), to: Date.parse("2026-11-08T00:00:00Z") });
  expect(reportSearch(query, "csv")).toBe("period=custom&groupBy=both&from=2026-11-01T00%3A00%3A00.000Z&to=2026-11-08T00%3A00%3A00.000Z&format=csv");
});

test("a bad URL falls back to this month and says what was wrong", () => {
  const { query, issues } = parseReportSearch({ period: "decade", groupBy: "risk_tier" });
  expect(query).toEqual({ period: "month", groupBy: "risk_tier", format: "json" });
  expect(issues).toEqual(["period: Expected one of week, month, quarter, custom."]);
});

test("a calendar period keeps its day; service links open the period on the service page", () => {
  const { query } = parseReportSearch({ period: "week", date: "2026-11-04" });
  expect(reportSearch(query)).toBe("period=week&groupBy=business_unit&date=2026-11-04");
  expect(serviceHref("chat", "2026-11-01T00:00:00.000Z", "2026-11-02T00:00:00.000Z")).toBe(
    "/services/chat?range=custom&from=2026-11-01T00%3A00%3A00.000Z&to=2026-11-02T00%3A00%3A00.000Z",
  );
});
