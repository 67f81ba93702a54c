import { ALERT_SEVERITIES, ALERT_STATE_FILTERS, SHADOW_FILTERS, type AlertStateFilter } from "@/lib/schemas/alerts.ts";

// The /alerts page's filters as its URL holds them (?state=all&severity=critical&service=x&shadow=exclude&range=7d&page=2),
// parsed the same way on the server (first view) and in the browser. Nonsense falls back to the default.

export const LIST_RANGES = ["any", "24h", "7d", "30d"] as const;
export type ListRange = (typeof LIST_RANGES)[number];
const RANGE_MS: Record<Exclude<ListRange, "any">, number> = { "24h": 86_400_000, "7d": 7 * 86_400_000, "30d": 30 * 86_400_000 };
export const PAGE_SIZE = 25;

export interface ListState {
  state: AlertStateFilter;
  severity: "" | (typeof ALERT_SEVERITIES)[number];
  service: string;
  shadow: (typeof SHADOW_FILTERS)[number];
  range: ListRange;
  page: number;
}

export const DEFAULT_LIST_STATE: ListState = { state: "open", severity: "", service: "", shadow: "include", range: "any", page: 1 };

type Params = Record<string, string | string[] | undefined> | URLSearchParams;

function get(params: Params, key: string): string {
  const v = params instanceof URLSearchParams ? params.get(key) : params[key];
  return typeof v === "string" ? v : "";
}

const oneOf = <T extends string>(values: readonly T[], text: string, fallback: T): T => (values.includes(text as T) ? (text as T) : fallback);

export function parseListState(params: Params): ListState {
  const page = Number(get(params, "page"));
  const service = get(params, "service");
  return {
    state: oneOf(ALERT_STATE_FILTERS, get(params, "state"), "open"),
    severity: oneOf(["", ...ALERT_SEVERITIES], get(params, "severity"), ""),
    service: /^[a-z0-9][a-z0-9-]{0,62}$/.test(service) ? service : "",
    shadow: oneOf(SHADOW_FILTERS, get(params, "shadow"), "include"),
    range: oneOf(LIST_RANGES, get(params, "range"), "any"),
    page: Number.isInteger(page) && page >= 1 && page <= 10_000 ? page : 1,
  };
}

/** The page's URL query; defaults are left out so plain links stay short. */
export function listQuery(s: ListState): Record<string, string | undefined> {
  return {
    state: s.state === "open" ? undefined : s.state,
    severity: s.severity || undefined,
    service: s.service || undefined,
    shadow: s.shadow === "include" ? undefined : s.shadow,
    range: s.range === "any" ? undefined : s.range,
    page: s.page === 1 ? undefined : String(s.page),
  };
}

/** The API's query for a state: a range becomes `from`, counted back from `now`. */
export function apiQuery(s: ListState, now: number): Record<string, string | undefined> {
  return {
    state: s.state, severity: s.severity || undefined, service: s.service || undefined, shadow: s.shadow,
    from: s.range === "any" ? undefined : new Date(now - RANGE_MS[s.range]).toISOString(),
    page: String(s.page), size: String(PAGE_SIZE),
  };
}

export function isFiltered(s: ListState): boolean {
  return s.severity !== "" || s.service !== "" || s.shadow !== "include" || s.range !== "any";
}
