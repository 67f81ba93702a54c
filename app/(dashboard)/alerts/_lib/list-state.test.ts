import { describe, expect, it } from "vitest";
import { AlertsQuery } from "@/lib/schemas/alerts.ts";
import { apiQuery, DEFAULT_LIST_STATE, listQuery, parseListState } from "./list-state.ts";

describe("the /alerts page's URL state", () => {
  it("defaults to open alerts of every service, shadow included, any time, page 1", () => {
    expect(parseListState({})).toEqual(DEFAULT_LIST_STATE);
    expect(Object.values(listQuery(DEFAULT_LIST_STATE)).filter(Boolean)).toEqual([]);
  });

  it("reads what a shared link says, and writes it back the same", () => {
    const params = new URLSearchParams("state=resolved&severity=critical&service=legal-rag&shadow=only&range=7d&page=3");
    const state = parseListState(params);
    expect(state).toEqual({ state: "resolved", severity: "critical", service: "legal-rag", shadow: "only", range: "7d", page: 3 });
    expect(listQuery(state)).toEqual({ state: "resolved", severity: "critical", service: "legal-rag", shadow: "only", range: "7d", page: "3" });
  });

  it("falls back to the default for nonsense", () => {
    expect(parseListState({ state: "burning", severity: "meh", service: "Bad Slug!", shadow: "maybe", range: "2w", page: "-1" })).toEqual(DEFAULT_LIST_STATE);
    expect(parseListState({ page: "1.5" }).page).toBe(1);
  });

  it("asks the API for what the URL says, in a form the API accepts", () => {
    const now = Date.parse("2026-11-26T12:00:00Z");
    const query = apiQuery(parseListState({ range: "24h", severity: "warning", page: "2" }), now);
    expect(query).toMatchObject({ state: "open", severity: "warning", from: "2026-11-25T12:00:00.000Z", page: "2", size: "25" });
    const defined = Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined));
    expect(AlertsQuery.safeParse(defined).success).toBe(true);
  });
});
