"use client";

import { CartesianGrid, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import { timeTick, tooltipTime } from "./time-axis.ts";

export interface MetricPoint {
  t: number;
  value: number | null;
}

/** One component's metric over time, with its good and bad bounds as labelled lines. */
export function MetricChart({
  points, good, bad, unitLabel, format, height = 200,
}: { points: MetricPoint[]; good: number; bad: number; unitLabel: string; format: (v: number) => string; height?: number }) {
  const span = points.length > 1 ? points.at(-1)!.t - points[0]!.t : 0;
  return (
    <div style={{ height }} className="w-full">
      <LineChart responsive style={{ width: "100%", height }} data={points} margin={{ top: 8, right: 16, bottom: 4, left: 8 }}>
        <CartesianGrid stroke="#e2e8f0" strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="t" type="number" scale="time" domain={["dataMin", "dataMax"]} tickFormatter={timeTick(span)} tick={{ fontSize: 12, fill: "#475569" }} minTickGap={24} />
        <YAxis width={72} tickFormatter={format} tick={{ fontSize: 11, fill: "#475569" }} domain={["auto", "auto"]} label={{ value: unitLabel, angle: -90, position: "insideLeft", fontSize: 11, fill: "#475569" }} />
        <ReferenceLine y={good} stroke="#15803d" strokeDasharray="4 2" ifOverflow="extendDomain" label={{ value: `good ${format(good)}`, position: "insideTopRight", fontSize: 11, fill: "#166534" }} />
        <ReferenceLine y={bad} stroke="#b91c1c" strokeDasharray="4 2" ifOverflow="extendDomain" label={{ value: `bad ${format(bad)}`, position: "insideBottomRight", fontSize: 11, fill: "#991b1b" }} />
        <Tooltip labelFormatter={tooltipTime} formatter={(v) => [typeof v === "number" ? format(v) : "no data", "Value"]} />
        <Line type="monotone" dataKey="value" stroke="#1d4ed8" strokeWidth={2} dot={false} isAnimationActive={false} connectNulls={false} />
      </LineChart>
    </div>
  );
}
