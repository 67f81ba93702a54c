"use client";

import { CartesianGrid, Line, LineChart, ReferenceArea, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import { timeTick, tooltipTime } from "./time-axis.ts";

export interface ScorePoint {
  t: number;
  score: number | null;
}

/**
 * The health score over time on 0–100 with the config's bands (critical below `critical`, warning below
 * `warning`); the band edges are labelled lines, so the bands do not rely on colour alone.
 */
export function ScoreChart({ points, thresholds, height = 260 }: { points: ScorePoint[]; thresholds: { warning: number; critical: number }; height?: number }) {
  const span = points.length > 1 ? points.at(-1)!.t - points[0]!.t : 0;
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
        <Tooltip labelFormatter={tooltipTime} formatter={(v) => [typeof v === "number" ? v.toFixed(1) : "no data", "Score (0–100)"]} />
        <Line type="monotone" dataKey="score" stroke="#0f172a" strokeWidth={2} dot={false} isAnimationActive={false} connectNulls={false} />
      </LineChart>
    </div>
  );
}
