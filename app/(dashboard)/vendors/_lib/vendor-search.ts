import { issuePath } from "@/lib/errors.ts";
import { VendorQuery } from "@/lib/schemas/vendors.ts";

// The /vendors URL ↔ the vendor query. The page's form sends plain days (from=2026-11-01) and empty fields; the
// API takes RFC 3339 only, so the page widens days to midnight UTC and drops empty fields before the same parse.

type Search = Record<string, string | string[] | undefined>;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function parseVendorSearch(search: Search): { query: VendorQuery; issues: string[] } {
  const raw: Record<string, string> = {};
  for (const [key, value] of Object.entries(search)) {
    if (typeof value !== "string" || value === "") continue;
    raw[key] = (key === "from" || key === "to") && DAY.test(value) ? `${value}T00:00:00Z` : value;
  }
  const parsed = VendorQuery.safeParse(raw);
  if (parsed.success) return { query: parsed.data, issues: [] };
  return { query: VendorQuery.parse({}), issues: parsed.error.issues.map((i) => `${issuePath(i.path) || "query"}: ${i.message}`) };
}
