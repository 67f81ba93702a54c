import { describe, expect, test } from "vitest";
import { auditChanges, auditQuery, parseAuditFilters } from "./audit-filters.ts";

describe("parseAuditFilters", () => {
  test("reads filters, treats typed times as UTC and drops empty values", () => {
    const { filters, error } = parseAuditFilters({ actor: "owner@vitals.local", action: "config.", targetType: "", from: "2026-11-27T08:00", page: "3" });
    expect(error).toBeNull();
    expect(filters).toEqual({ actor: "owner@vitals.local", action: "config.", targetType: undefined, targetId: undefined, from: new Date("2026-11-27T08:00:00Z"), to: undefined, page: 3 });
  });

  test("a bad time is reported with its field, and nothing is filtered", () => {
    const { filters, error } = parseAuditFilters({ from: "yesterday", actor: "x" });
    expect(error).toMatch(/^from: "yesterday" is not a date and time/);
    expect(filters).toEqual({ page: 1 });
  });

  test("a page that is not a positive whole number is the first", () => {
    expect(parseAuditFilters({ page: "-2" }).filters.page).toBe(1);
    expect(parseAuditFilters({ page: "abc" }).filters.page).toBe(1);
  });

  test("the query string of another page keeps the filters", () => {
    const { filters } = parseAuditFilters({ actor: "a@b", from: "2026-11-27T08:00" });
    expect(auditQuery(filters, 2)).toBe("?actor=a%40b&from=2026-11-27T08%3A00&page=2");
    expect(auditQuery({ page: 1 }, 1)).toBe("");
  });
});

test("audit changes list the leaves that differ", () => {
  expect(auditChanges({ status: "pending", version: 3, meta: { a: 1, b: 2 } }, { status: "active", version: 3, meta: { a: 1, b: 3 }, comment: "ok" })).toEqual([
    { path: "status", before: "pending", after: "active" },
    { path: "meta.b", before: 2, after: 3 },
    { path: "comment", before: undefined, after: "ok" },
  ]);
  expect(auditChanges(null, { name: "key" })).toEqual([{ path: "name", before: undefined, after: "key" }]);
  expect(auditChanges({ same: [1, 2] }, { same: [1, 2] })).toEqual([]);
});
