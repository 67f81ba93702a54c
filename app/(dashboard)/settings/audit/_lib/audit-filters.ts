import { z } from "zod";

// The audit page's filters live in the URL (?actor=…&action=config.&from=…), so a filtered view can be shared
// and the back button works. Times are typed as UTC (the page shows UTC everywhere).

const text = z.string().trim().max(200, "At most 200 characters.").optional().transform((s) => (s ? s : undefined));
const utc = z.string().trim().optional().transform((s, ctx) => {
  if (!s) return undefined;
  const d = new Date(/[zZ]|[+-]\d\d:\d\d$/.test(s) ? s : `${s}Z`);
  if (Number.isNaN(d.getTime())) {
    ctx.addIssue({ code: "custom", message: `"${s}" is not a date and time, e.g. 2026-11-27T08:00.` });
    return z.NEVER;
  }
  return d;
});

export const AuditFilters = z.object({
  actor: text,
  action: text,
  targetType: text,
  targetId: text,
  from: utc,
  to: utc,
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
/** Every filter optional (undefined: not filtered); page from 1. */
export type AuditFilters = { [K in Exclude<keyof z.output<typeof AuditFilters>, "page">]?: z.output<typeof AuditFilters>[K] } & { page: number };

export type AuditSearch = Record<string, string | string[] | undefined>;

/** The filters of a URL; a malformed one is reported, and the page shows everything until it is fixed. */
export function parseAuditFilters(search: AuditSearch): { filters: AuditFilters; error: string | null } {
  const one = (k: string) => (typeof search[k] === "string" ? search[k] : undefined);
  const raw = { actor: one("actor"), action: one("action"), targetType: one("targetType"), targetId: one("targetId"), from: one("from"), to: one("to"), page: one("page") ?? 1 };
  const parsed = AuditFilters.safeParse(raw);
  if (parsed.success) return { filters: parsed.data, error: null };
  return { filters: { page: 1 }, error: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join(" ") };
}

/** The query string of a page of these filters (empty values left out). */
export function auditQuery(filters: AuditFilters, page: number): string {
  const params = new URLSearchParams();
  for (const key of ["actor", "action", "targetType", "targetId"] as const) if (filters[key]) params.set(key, filters[key]);
  if (filters.from) params.set("from", filters.from.toISOString().slice(0, 16));
  if (filters.to) params.set("to", filters.to.toISOString().slice(0, 16));
  if (page > 1) params.set("page", String(page));
  const query = params.toString();
  return query ? `?${query}` : "";
}

export interface FieldChange { path: string; before: unknown; after: unknown }

/** What an audit row changed, leaf by leaf: unchanged leaves are left out, so a big row shows only its edit. */
export function auditChanges(before: unknown, after: unknown): FieldChange[] {
  const flat = (value: unknown, prefix: string, out: Map<string, unknown>) => {
    if (typeof value === "object" && value !== null && !Array.isArray(value)) {
      const entries = Object.entries(value);
      if (entries.length === 0 && prefix) out.set(prefix, value);
      for (const [k, v] of entries) flat(v, prefix ? `${prefix}.${k}` : k, out);
    } else if (value !== undefined && value !== null) out.set(prefix || "(value)", value);
    return out;
  };
  const a = flat(before, "", new Map());
  const b = flat(after, "", new Map());
  const paths = [...new Set([...a.keys(), ...b.keys()])];
  return paths
    .filter((p) => JSON.stringify(a.get(p)) !== JSON.stringify(b.get(p)))
    .map((path) => ({ path, before: a.get(path), after: b.get(path) }));
}
