import { ReportQuery } from "@/lib/schemas/reports.ts";
import { issuePath } from "@/lib/errors.ts";

// The /reports URL ↔ the report query. The page's form sends plain days (from=2026-11-01) and empty fields; the
// API takes RFC 3339 only, so the page widens days to midnight UTC and drops empty fields before the same parse.

type Search = Record<string, string | string[] | undefined>;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export interface ParsedSearch {
  query: ReportQuery;
  /** Problems with the URL, shown above the default report instead of failing the page. */
  issues: string[];
}

export function parseReportSearch(search: Search): ParsedSearch {
  const raw: Record<string, string> = {};
  for (const [key, value] of Object.entries(search)) {
    if (typeof value !== "string" || value === "") continue;
    raw[key] = (key === "from" || key === "to") && DAY.test(value) ? `${value}T00:00:00Z` : value;
  }
  delete raw.format;
  const parsed = ReportQuery.safeParse(raw);
  if (parsed.success) return { query: parsed.data, issues: [] };
  return {
    query: ReportQuery.parse({ groupBy: raw.groupBy === "risk_tier" || raw.groupBy === "both" ? raw.groupBy : undefined }),
    issues: parsed.error.issues.map((i) => `${issuePath(i.path) || "query"}: ${i.message}`),
  };
}

/** The query string of a report view (or its CSV), defaults included so a shared link never drifts. */
export function reportSearch(query: ReportQuery, format?: "csv"): string {
  const params = new URLSearchParams({ period: query.period, groupBy: query.groupBy });
  if (query.period === "custom") {
    params.set("from", new Date(query.from!).toISOString());
    params.set("to", new Date(query.to!).toISOString());
  } else if (query.date !== undefined) {
    params.set("date", new Date(query.date).toISOString().slice(0, 10));
  }
  if (format) params.set("format", format);
  return params.toString();
}

/** The service page over the report's period. */
export function serviceHref(slug: string, from: string, to: string): string {
  return `/services/${encodeURIComponent(slug)}?${new URLSearchParams({ range: "custom", from, to })}`;
}
