"use client";

import { CartesianGrid, ComposedChart, Line, ReferenceLine, Scatter, Tooltip, XAxis, YAxis } from "recharts";
import type { CurvePoint, ValueDot } from "./curve.ts";

/**
 * A component's normalisation curve (points earned by a metric value) with the last day's hourly values as
 * dots on it and the current value as a labelled line. Gets ready series: see curve.ts.
 */
export function NormalisationChart({ curve, dots, domain, current, format, label }: {
  curve: CurvePoint[]; dots: ValueDot[]; domain: [number, number]; current: number | null; format: (v: number) => string; label: string;
}) {
  return (
    <figure className="w-full" aria-label={label}>
      <ComposedChart responsive style={{ width: "100%", height: 150 }} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
        <CartesianGrid stroke="#e2e8f0" strokeDasharray="3 3" />
        <XAxis dataKey="x" type="number" domain={domain} allowDataOverflow tickFormatter={format} tick={{ fontSize: 11, fill: "#475569" }} minTickGap={28} />
        <YAxis dataKey="score" type="number" domain={[0, 100]} ticks={[0, 50, 100]} width={32} tick={{ fontSize: 11, fill: "#475569" }} />
        <Tooltip formatter={(v, name) => [typeof v === "number" ? (name === "x" ? format(v) : v.toFixed(0)) : String(v), name === "x" ? "value" : "points"]} />
        <Line data={curve} dataKey="score" stroke="#1d4ed8" strokeWidth={2} dot={false} isAnimationActive={false} name="points" />
        <Scatter data={dots} dataKey="score" fill="#0f172a" fillOpacity={0.45} isAnimationActive={false} name="last 24 h" />
        {current !== null && (
          <ReferenceLine x={current} stroke="#b45309" strokeDasharray="4 2" label={{ value: `now ${format(current)}`, position: "insideTopLeft", fontSize: 11, fill: "#92400e" }} />
        )}
      </ComposedChart>
      <figcaption className="sr-only">{label}</figcaption>
    </figure>
  );
}
