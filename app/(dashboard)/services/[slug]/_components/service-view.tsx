"use client";

import { useEffect, useState } from "react";
import { replaceQuery } from "../../../_lib/fetch-json.ts";
import type { ServiceFirstView, ServiceFrame } from "../_lib/load-service-view.ts";
import { useOpenAlerts, useRangeEpisodes } from "../_lib/use-service-alerts.ts";
import { useServiceData } from "../_lib/use-service-data.ts";
import { parseViewState, viewQuery, type ViewState } from "../_lib/view-state.ts";
import { AlertsPanel } from "./alerts-panel.tsx";
import { ComponentsTable } from "./components-table.tsx";
import { EventExplorer } from "./event-explorer.tsx";
import { LiveNote } from "./live-note.tsx";
import { RangePicker } from "./range-picker.tsx";
import { ScoreCard } from "./score-card.tsx";
import { ScoreOverTime } from "./score-over-time.tsx";
import { SegmentDrilldown } from "./segment-drilldown.tsx";

/**
 * The service page below its header. The view's state lives in the URL (range, segment, dimension, explorer
 * filter, open event); changing it pushes a history entry and refetches through the JSON APIs — no server
 * navigation — and the back button restores the previous view.
 */
export function ServiceView({ frame, first }: { frame: ServiceFrame; first: ServiceFirstView }) {
  const [state, setState] = useState<ViewState>(first.state);
  const slug = frame.service.slug;
  const data = useServiceData(slug, state, first, frame.windowMs);
  const openAlerts = useOpenAlerts(slug, first.openAlerts);
  const episodes = useRangeEpisodes(slug, state);

  const change = (patch: Partial<ViewState>, push = true) => {
    const next = { ...state, ...patch };
    setState(next);
    replaceQuery(viewQuery(next), push);
  };

  useEffect(() => {
    const onPop = () => setState(parseViewState(new URLSearchParams(window.location.search)));
    window.addEventListener("popstate", onPop);
    return () => window.removeEventListener("popstate", onPop);
  }, []);

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <RangePicker state={state} onChange={change} />
        <LiveNote live={data.live} fetching={data.health.isFetching} updatedAt={data.health.dataUpdatedAt} />
      </div>
      {state.segment && (
        <div role="status" className="flex flex-wrap items-center gap-2 rounded-lg border border-blue-200 bg-blue-50 px-3 py-2 text-sm" data-testid="active-segment">
          <span>
            Filtered to <span className="font-mono font-medium">{state.segment.dimension} = {state.segment.value}</span>: score, components and events show this segment only; the score-over-time chart shows all traffic.
          </span>
          <button type="button" onClick={() => change({ segment: null })} className="ml-auto rounded-md border border-slate-300 bg-white px-2 py-1 hover:bg-slate-100">
            Clear segment filter
          </button>
        </div>
      )}
      <ScoreCard query={data.health} thresholds={frame.thresholds} openAlerts={openAlerts.data?.total ?? null} />
      <AlertsPanel slug={slug} open={openAlerts} episodes={episodes} canAck={frame.canAck} canResolve={frame.canResolve} />
      <ScoreOverTime query={data.timeseries} thresholds={frame.thresholds} episodes={episodes} />
      <ComponentsTable health={data.health} timeseries={data.timeseries} units={frame.units} segment={state.segment} />
      <SegmentDrilldown
        state={state}
        dimensions={frame.dimensions}
        segments={data.segments}
        previous={data.previousSegments}
        onDimension={(dimension) => change({ dimension })}
        onSegment={(segment) => change({ segment, event: null })}
      />
      <EventExplorer slug={slug} frame={frame} state={state} first={first} onChange={change} />
    </div>
  );
}
