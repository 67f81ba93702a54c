"use client";

import { CartesianGrid, Legend, Line, LineChart, ReferenceArea, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import { timeTick, tooltipTime } from "@/components/charts/time-axis.ts";
import type { BacktestChartPoint } from "./backtest-series.ts";

/**
 * The active and the proposed config's scores over the same history, on 0–100 with the proposal's warning and
 * critical bands. The two lines differ in dash as well as colour, and the legend names them.
 */
export function BacktestChart({ points, thresholds, height = 280 }: { points: BacktestChartPoint[]; thresholds: { warning: number; critical: number }; height?: number }) {
  const span = points.length > 1 ? points.at(-1)!.t - points[0]!.t : 0;
  return (
    <div style={{ height }} className="w-full" data-testid="backtest-chart">
      <LineChart responsive style={{ width: "100%", height }} data={points} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
        <ReferenceArea y1={0} y2={thresholds.critical} fill="#fee2e2" fillOpacity={0.7} ifOverflow="hidden" />
        <ReferenceArea y1={thresholds.critical} y2={thresholds.warning} fill="#fef3c7" fillOpacity={0.7} ifOverflow="hidden" />
        <CartesianGrid stroke="#e2e8f0" strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="t" type="number" scale="time" domain={["dataMin", "dataMax"]} tickFormatter={timeTick(span)} tick={{ fontSize: 12, fill: "#475569" }} minTickGap={24} />
        <YAxis domain={[0, 100]} ticks={[0, 20, 40, 60, 80, 100]} width={40} tick={{ fontSize: 12, fill: "#475569" }} />
        <ReferenceLine y={thresholds.warning} stroke="#b45309" strokeDasharray="4 2" label={{ value: `warning < ${thresholds.warning}`, position: "insideTopRight", fontSize: 11, fill: "#92400e" }} />
        <ReferenceLine y={thresholds.critical} stroke="#b91c1c" strokeDasharray="4 2" label={{ value: `critical < ${thresholds.critical}`, position: "insideBottomRight", fontSize: 11, fill: "#991b1b" }} />
        <Tooltip labelFormatter={tooltipTime} formatter={(v, name) => [typeof v === "number" ? v.toFixed(1) : "no data", name]} />
        <Legend verticalAlign="top" height={24} />
        <Line name="Active config" type="monotone" dataKey="current" stroke="#64748b" strokeWidth={2} strokeDasharray="6 3" dot={false} isAnimationActive={false} connectNulls={false} />
        <Line name="Proposed config" type="monotone" dataKey="proposed" stroke="#1d4ed8" strokeWidth={2} dot={false} isAnimationActive={false} connectNulls={false} />
      </LineChart>
    </div>
  );
}
