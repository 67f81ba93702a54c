import { EVENT_FILTERS, type EventFilter } from "@/lib/schemas/events-query.ts";

// What the service page shows, as the URL holds it (?range=24h&segment=provider:anthropic&dim=provider&filter=slowest),
// so a link opens the same view. Parsed the same way on the server (first view) and in the browser.

export const RANGES = ["1h", "24h", "7d", "30d", "custom"] as const;
export type RangeKey = (typeof RANGES)[number];
const RANGE_MS: Record<Exclude<RangeKey, "custom">, number> = { "1h": 3_600_000, "24h": 86_400_000, "7d": 7 * 86_400_000, "30d": 30 * 86_400_000 };
export const DEFAULT_DIMENSION = "provider";
/** Dimensions the drill-down offers besides those the config lists. */
export const COMMON_DIMENSIONS = ["provider", "model", "variant", "user_segment", "business_unit", "workflow_type", "region"];

export interface ViewState {
  range: RangeKey;
  /** custom only: RFC 3339 bounds. */
  from: string | null;
  to: string | null;
  segment: { dimension: string; value: string } | null;
  dimension: string;
  filter: EventFilter;
  /** The event whose detail panel is open. */
  event: string | null;
}

type Params = Record<string, string | string[] | undefined> | URLSearchParams;

function get(params: Params, key: string): string | null {
  const v = params instanceof URLSearchParams ? params.get(key) : params[key];
  return typeof v === "string" && v !== "" ? v : null;
}

const validInstant = (text: string | null) => (text !== null && !Number.isNaN(Date.parse(text)) ? new Date(text).toISOString() : null);

export function parseViewState(params: Params): ViewState {
  const range = get(params, "range");
  const from = validInstant(get(params, "from"));
  const to = validInstant(get(params, "to"));
  const custom = range === "custom" && from !== null && to !== null && Date.parse(from) < Date.parse(to);
  const segment = get(params, "segment");
  const colon = segment?.indexOf(":") ?? -1;
  const filter = get(params, "filter");
  return {
    range: custom ? "custom" : RANGES.includes(range as RangeKey) && range !== "custom" ? (range as RangeKey) : "24h",
    from: custom ? from : null,
    to: custom ? to : null,
    segment: segment && colon > 0 && colon < segment.length - 1 ? { dimension: segment.slice(0, colon), value: segment.slice(colon + 1) } : null,
    dimension: get(params, "dim") ?? DEFAULT_DIMENSION,
    filter: EVENT_FILTERS.includes(filter as EventFilter) ? (filter as EventFilter) : "all",
    event: get(params, "event"),
  };
}

/** The URL query of a state; defaults are left out so plain links stay short. */
export function viewQuery(s: ViewState): Record<string, string | undefined> {
  return {
    range: s.range === "24h" ? undefined : s.range,
    from: s.range === "custom" ? (s.from ?? undefined) : undefined,
    to: s.range === "custom" ? (s.to ?? undefined) : undefined,
    segment: s.segment ? `${s.segment.dimension}:${s.segment.value}` : undefined,
    dim: s.dimension === DEFAULT_DIMENSION ? undefined : s.dimension,
    filter: s.filter === "all" ? undefined : s.filter,
    event: s.event ?? undefined,
  };
}

/** The range's bounds, in ms: presets end now, custom ranges where they say. */
export function rangeBounds(s: Pick<ViewState, "range" | "from" | "to">, now: number): { from: number; to: number } {
  if (s.range === "custom" && s.from && s.to) return { from: Date.parse(s.from), to: Date.parse(s.to) };
  const span = RANGE_MS[s.range === "custom" ? "24h" : s.range];
  return { from: now - span, to: now };
}

/** Where the scores (headline, components, segments) are taken: the end of a custom range, else now (null). */
export function scoreAt(s: Pick<ViewState, "range" | "to">): string | null {
  return s.range === "custom" ? s.to : null;
}
