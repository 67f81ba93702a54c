"use client";

import { CartesianGrid, Line, LineChart, ReferenceArea, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import { timeTick, tooltipTime } from "./time-axis.ts";

export interface ScorePoint {
  t: number;
  score: number | null;
}

/** An alert episode drawn over the chart: from when it fired to when it resolved (or the chart's end). */
export interface AlertMarker {
  from: number;
  to: number;
  severity: "warning" | "critical";
}

const MARKER = {
  critical: { stroke: "#b91c1c", fill: "#b91c1c", label: "■ critical alert" },
  warning: { stroke: "#b45309", fill: "#b45309", label: "▲ warning alert" },
} as const;

/**
 * The health score over time on 0–100 with the config's bands (critical below `critical`, warning below
 * `warning`); the band edges are labelled lines, so the bands do not rely on colour alone.
 */
export function ScoreChart({
  points, thresholds, height = 260, alerts = [],
}: { points: ScorePoint[]; thresholds: { warning: number; critical: number }; height?: number; alerts?: AlertMarker[] }) {
  const span = points.length > 1 ? points.at(-1)!.t - points[0]!.t : 0;
  const start = points[0]?.t ?? 0;
  const end = points.at(-1)?.t ?? 0;
  // Episodes are clipped to the plotted range; each carries a text label, so severity is not told by colour alone.
  const markers = alerts
    .map((a) => ({ ...a, from: Math.max(a.from, start), to: Math.min(a.to, end) }))
    .filter((a) => a.to > a.from);
  return (
    <div style={{ height }} className="w-full">
      <LineChart responsive style={{ width: "100%", height }} data={points} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
        <ReferenceArea y1={0} y2={thresholds.critical} fill="#fee2e2" fillOpacity={0.7} ifOverflow="hidden" />
        <ReferenceArea y1={thresholds.critical} y2={thresholds.warning} fill="#fef3c7" fillOpacity={0.7} ifOverflow="hidden" />
        <ReferenceArea y1={thresholds.warning} y2={100} fill="#dcfce7" fillOpacity={0.5} ifOverflow="hidden" />
        <CartesianGrid stroke="#e2e8f0" strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="t" type="number" scale="time" domain={["dataMin", "dataMax"]} tickFormatter={timeTick(span)} tick={{ fontSize: 12, fill: "#475569" }} minTickGap={24} />
        <YAxis domain={[0, 100]} ticks={[0, 20, 40, 60, 80, 100]} width={44} tick={{ fontSize: 12, fill: "#475569" }} label={{ value: "score", angle: -90, position: "insideLeft", fontSize: 12, fill: "#475569" }} />
        <ReferenceLine y={thresholds.warning} stroke="#b45309" strokeDasharray="4 2" label={{ value: `warning < ${thresholds.warning}`, position: "insideTopRight", fontSize: 11, fill: "#92400e" }} />
        <ReferenceLine y={thresholds.critical} stroke="#b91c1c" strokeDasharray="4 2" label={{ value: `critical < ${thresholds.critical}`, position: "insideBottomRight", fontSize: 11, fill: "#991b1b" }} />
        {markers.map((m, i) => (
          <ReferenceArea
            key={`${m.from}-${m.severity}-${i}`}
            x1={m.from}
            x2={m.to}
            y1={0}
            y2={100}
            stroke={MARKER[m.severity].stroke}
            strokeDasharray="2 2"
            fill={MARKER[m.severity].fill}
            fillOpacity={0.12}
            ifOverflow="hidden"
            label={{ value: MARKER[m.severity].label, position: m.severity === "critical" ? "insideTop" : "insideBottom", fontSize: 11, fill: MARKER[m.severity].stroke }}
          />
        ))}
        <Tooltip labelFormatter={tooltipTime} formatter={(v) => [typeof v === "number" ? v.toFixed(1) : "no data", "Score (0–100)"]} />
        <Line type="monotone" dataKey="score" stroke="#0f172a" strokeWidth={2} dot={false} isAnimationActive={false} connectNulls={false} />
      </LineChart>
    </div>
  );
}
