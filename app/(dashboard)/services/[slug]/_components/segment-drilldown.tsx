"use client";

import type { UseQueryResult } from "@tanstack/react-query";
import { formatPercent, formatScore } from "@/components/ui/format.ts";
import { EmptyState } from "@/components/ui/states.tsx";
import { StatusBadge } from "@/components/ui/status-badge.tsx";
import type { SegmentScores } from "@/lib/services/health/get-segment-scores.ts";
import type { ViewState } from "../_lib/view-state.ts";
import { TableHead } from "@/components/ui/table-head.tsx";
import { Section } from "./section.tsx";

const SEGMENT_COLUMNS = [
  { label: "Score" }, { label: "Traffic share", align: "right" }, { label: "Impact", align: "right" }, { label: "Trend", align: "right" },
] as const;

type Segment = { dimension: string; value: string };

/** Trend: the score now against the window before, written out with an arrow (never colour alone). */
function Trend({ now, before }: { now: number | null; before: number | null | undefined }) {
  if (now === null || before === null || before === undefined) return <span className="text-slate-600">—</span>;
  const delta = now - before;
  if (Math.abs(delta) < 0.5) return <span>→ steady</span>;
  return (
    <span className={delta < 0 ? "text-critical" : "text-healthy"}>
      {delta < 0 ? "↓" : "↑"} {delta > 0 ? "+" : "−"}{Math.abs(delta).toFixed(0)}
    </span>
  );
}

export function SegmentDrilldown({
  state, dimensions, segments, previous, onDimension, onSegment,
}: {
  state: ViewState; dimensions: string[]; segments: UseQueryResult<SegmentScores>; previous: UseQueryResult<SegmentScores>;
  onDimension: (dimension: string) => void; onSegment: (segment: Segment | null) => void;
}) {
  const picker = (
    <label className="flex items-center gap-2 text-sm">
      Dimension
      <select value={state.dimension} onChange={(e) => onDimension(e.target.value)} className="rounded-md border border-slate-300 bg-white px-2 py-1">
        {dimensions.map((d) => (
          <option key={d} value={d}>{d}</option>
        ))}
      </select>
    </label>
  );
  return (
    <Section title="Which segment" id="segments" query={segments} actions={picker}>
      {(data) => {
        const before = new Map(previous.data?.segments.map((s) => [`${s.dimension}\u0000${s.value}`, s.health.score]));
        return data.segments.length === 0 ? (
          <EmptyState title="No traffic in this window">No event in the {data.window} window carries a {state.dimension} value.</EmptyState>
        ) : (
          <div className="relative overflow-x-auto">
            <p className="mb-2 text-xs text-slate-600">
              Each {state.dimension} value scored over the {data.window} window, ranked by impact = (100 − score) × traffic share. Trend: against the {data.window} before.
              Choose a value to filter the page to it.
            </p>
            <table className="w-full min-w-[34rem] text-left text-sm">
              <caption className="sr-only">Values of {state.dimension}, highest impact first</caption>
              <TableHead columns={[{ label: state.dimension }, ...SEGMENT_COLUMNS]} />
              <tbody className="divide-y divide-slate-100">
                {data.segments.map((s) => {
                  const active = state.segment?.dimension === s.dimension && state.segment.value === s.value;
                  return (
                    <tr key={`${s.dimension}:${s.value}`} data-testid="segment-row" data-value={s.value} className={active ? "bg-blue-50" : undefined}>
                      <th scope="row" className="py-2 pr-3 font-normal">
                        <button
                          type="button"
                          aria-pressed={active}
                          onClick={() => onSegment(active ? null : { dimension: s.dimension, value: s.value })}
                          className="rounded px-1 text-left font-medium text-blue-700 underline-offset-2 hover:underline"
                        >
                          {s.value}
                          <span className="sr-only">{active ? " (filtering the page; choose to clear)" : ": filter the page to this segment"}</span>
                        </button>
                      </th>
                      <td className="py-2 pr-3">
                        <span className="mr-2 inline-block w-8 font-semibold tabular-nums">{formatScore(s.health.score)}</span>
                        <StatusBadge status={s.health.status} />
                      </td>
                      <td className="whitespace-nowrap py-2 pr-3 text-right tabular-nums">
                        {formatPercent(s.share)} <span className="text-xs text-slate-600">({s.count.toLocaleString("en")})</span>
                      </td>
                      <td className="py-2 pr-3 text-right font-semibold tabular-nums">{s.impact === null ? "—" : s.impact.toFixed(1)}</td>
                      <td className="py-2 text-right tabular-nums">
                        <Trend now={s.health.score} before={before.get(`${s.dimension}\u0000${s.value}`)} />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        );
      }}
    </Section>
  );
}
