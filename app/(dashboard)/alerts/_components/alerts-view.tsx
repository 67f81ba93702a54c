"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { formatTime } from "@/components/ui/format.ts";
import { EmptyState, ErrorState, LoadingBlock } from "@/components/ui/states.tsx";
import type { AlertList } from "@/lib/services/alerts/list-alerts.ts";
import { fetchJson, queryString, REFRESH_MS, replaceQuery } from "../../_lib/fetch-json.ts";
import { apiQuery, isFiltered, listQuery, parseListState, type ListState } from "../_lib/list-state.ts";
import { AlertCounts } from "./alert-counts.tsx";
import { AlertFilters } from "./alert-filters.tsx";
import { AlertsTable } from "./alerts-table.tsx";
import { Pagination } from "./pagination.tsx";

interface Props {
  initial: AlertList;
  initialState: ListState;
  services: { slug: string; name: string }[];
  canAck: boolean;
  canResolve: boolean;
}

/** The /alerts page below its header: filters in the URL, the list refreshed every 30 s through GET /api/alerts. */
export function AlertsView({ initial, initialState, services, canAck, canResolve }: Props) {
  const [state, setState] = useState(initialState);
  const change = (next: ListState, push = false) => {
    setState(next);
    replaceQuery(listQuery(next), push);
  };
  useEffect(() => {
    const onPop = () => setState(parseListState(new URLSearchParams(window.location.search)));
    window.addEventListener("popstate", onPop);
    return () => window.removeEventListener("popstate", onPop);
  }, []);

  const key = ["alerts", "list", listQuery(state)] as const;
  const seeded = JSON.stringify(listQuery(state)) === JSON.stringify(listQuery(initialState));
  const list = useQuery({
    queryKey: key,
    // A range counts back from the moment of each fetch, so a refresh moves the window with the clock.
    queryFn: ({ signal }) => fetchJson<AlertList>(`/api/alerts${queryString(apiQuery(state, Date.now()))}`, signal),
    initialData: seeded ? initial : undefined,
    initialDataUpdatedAt: Date.parse(initial.at),
    placeholderData: keepPreviousData,
    refetchInterval: REFRESH_MS,
  });
  const data = list.data;

  return (
    <div className="space-y-4">
      {data ? <AlertCounts counts={data.counts} /> : <LoadingBlock label="Loading alert counts" className="h-16" />}
      <div className="flex flex-wrap items-end justify-between gap-3">
        <AlertFilters state={state} services={services} onChange={change} />
        <p className="text-xs text-slate-600" aria-live="polite">
          {list.isFetching ? "Refreshing…" : data ? `Updated ${formatTime(data.at)} · refreshes every 30 s` : ""}
        </p>
      </div>
      {list.isError && <ErrorState title="Alerts could not load" message={`${list.error.message}${data ? " The list below is from the last successful load." : ""}`} onRetry={() => void list.refetch()} />}
      {!data ? (
        !list.isError && <LoadingBlock label="Loading alerts" className="h-64" />
      ) : data.alerts.length === 0 ? (
        state.state === "open" && !isFiltered(state) ? (
          <EmptyState title="No open alerts — every service is within its thresholds">Resolved episodes stay listed under State: Resolved.</EmptyState>
        ) : (
          <EmptyState title="No alerts match these filters">Widen the state or time range, or clear the filters.</EmptyState>
        )
      ) : (
        <>
          <AlertsTable alerts={data.alerts} now={Date.parse(data.at)} canAck={canAck} canResolve={canResolve} />
          <Pagination page={data.page} pages={data.pages} total={data.total} size={data.size} onPage={(page) => change({ ...state, page }, true)} />
        </>
      )}
    </div>
  );
}
