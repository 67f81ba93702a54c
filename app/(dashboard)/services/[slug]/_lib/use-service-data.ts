"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { HealthReport } from "@/lib/domain/score/report.ts";
import type { ScoreTimeseries } from "@/lib/services/health/get-score-timeseries.ts";
import type { SegmentScores } from "@/lib/services/health/get-segment-scores.ts";
import { fetchJson, queryString, REFRESH_MS } from "../../../_lib/fetch-json.ts";
import type { ServiceFirstView } from "./load-service-view.ts";
import { rangeBounds, scoreAt, type ViewState } from "./view-state.ts";

// The page's live reads through the JSON APIs. Each key holds only what the answer depends on; the server's
// first view seeds the keys of the URL the page was opened with. Presets refresh every 30 s (their window
// ends now); a custom range is fixed in time and does not. Keys that change keep the previous answer on
// screen until the new one arrives, so the layout does not jump.

const segmentParam = (s: ViewState["segment"]) => (s ? `${s.dimension}:${s.value}` : undefined);

function seeded<T>(key: readonly unknown[], firstKey: readonly unknown[], data: T) {
  return JSON.stringify(key) === JSON.stringify(firstKey) ? data : undefined;
}

export function useServiceData(slug: string, state: ViewState, first: ServiceFirstView, windowMs: number) {
  const base = `/api/services/${encodeURIComponent(slug)}`;
  const at = scoreAt(state);
  const live = at === null;
  const seededAt = Date.parse(first.now);
  const common = { refetchInterval: live ? REFRESH_MS : false, placeholderData: keepPreviousData, initialDataUpdatedAt: seededAt } as const;

  const healthKey = (s: ViewState) => ["health", slug, segmentParam(s.segment), scoreAt(s)] as const;
  const health = useQuery({
    ...common,
    queryKey: healthKey(state),
    queryFn: ({ signal }) => fetchJson<HealthReport>(`${base}/health${queryString({ segment: segmentParam(state.segment), at })}`, signal),
    initialData: seeded(healthKey(state), healthKey(first.state), first.health),
  });

  // Not seeded by the server (see loadServiceView): fetched once the page is shown.
  const timeseries = useQuery({
    refetchInterval: common.refetchInterval,
    placeholderData: keepPreviousData,
    queryKey: ["timeseries", slug, state.range, state.from, state.to, segmentParam(state.segment)],
    queryFn: ({ signal }) => {
      const { from, to } = rangeBounds(state, Date.now());
      const query = { from: new Date(from).toISOString(), to: live ? undefined : new Date(to).toISOString(), segment: segmentParam(state.segment) };
      return fetchJson<ScoreTimeseries>(`${base}/timeseries${queryString(query)}`, signal);
    },
  });

  const segmentsKey = (s: ViewState) => ["segments", slug, s.dimension, scoreAt(s)] as const;
  const segments = useQuery({
    ...common,
    queryKey: segmentsKey(state),
    queryFn: ({ signal }) => fetchJson<SegmentScores>(`${base}/segments${queryString({ dimension: state.dimension, at })}`, signal),
    initialData: seeded(segmentsKey(state), segmentsKey(first.state), first.segments),
  });

  // The same dimension one window earlier: each value's trend is its score now against then.
  const previousKey = (s: ViewState) => ["segments-previous", slug, s.dimension, scoreAt(s)] as const;
  const previousSegments = useQuery({
    ...common,
    queryKey: previousKey(state),
    queryFn: ({ signal }) => {
      const end = (at ? Date.parse(at) : Date.now()) - windowMs;
      return fetchJson<SegmentScores>(`${base}/segments${queryString({ dimension: state.dimension, at: new Date(end).toISOString() })}`, signal);
    },
    initialData: seeded(previousKey(state), previousKey(first.state), first.previousSegments),
  });

  return { health, timeseries, segments, previousSegments, live };
}
