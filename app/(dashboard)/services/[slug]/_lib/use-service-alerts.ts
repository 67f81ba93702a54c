"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { AlertList } from "@/lib/services/alerts/list-alerts.ts";
import { fetchJson, queryString, REFRESH_MS } from "../../../_lib/fetch-json.ts";
import { rangeBounds, scoreAt, type ViewState } from "./view-state.ts";

// The service page's alert reads, through GET /api/alerts. Both keys start with "alerts", so acknowledging or
// resolving anywhere on the page refetches them.

/** Open episodes (shadow ones included and marked), seeded by the server's first view. */
export function useOpenAlerts(slug: string, first: AlertList) {
  return useQuery({
    queryKey: ["alerts", "service", slug, "open"],
    queryFn: ({ signal }) => fetchJson<AlertList>(`/api/alerts${queryString({ service: slug, state: "open", size: 50 })}`, signal),
    initialData: first,
    initialDataUpdatedAt: Date.parse(first.at),
    refetchInterval: REFRESH_MS,
  });
}

/** Non-shadow episodes open at some time in the page's range: the chart's markers and the recent resolved ones. */
export function useRangeEpisodes(slug: string, state: ViewState) {
  const live = scoreAt(state) === null;
  return useQuery({
    queryKey: ["alerts", "service", slug, "range", state.range, state.from, state.to],
    queryFn: ({ signal }) => {
      const { from, to } = rangeBounds(state, Date.now());
      const query = { service: slug, state: "all", shadow: "exclude", size: 100, from: new Date(from).toISOString(), to: live ? undefined : new Date(to).toISOString() };
      return fetchJson<AlertList>(`/api/alerts${queryString(query)}`, signal);
    },
    placeholderData: keepPreviousData,
    refetchInterval: live ? REFRESH_MS : false,
  });
}
