"use client";

import { Area, CartesianGrid, ComposedChart, Line, ReferenceArea, Tooltip, XAxis, YAxis } from "recharts";
import { dayUtc } from "@/components/ui/format.ts";
import type { DailyPoint } from "@/lib/domain/reports/types.ts";

// The portfolio score per UTC day with the band of service scores (lowest to highest) behind it. The series is
// ready-made (lib/domain/reports); the chart only draws. A table of the same points follows for screen readers.

const BANDS = { warning: 80, critical: 60 };

export function DailyScoreChart({ points, height = 240 }: { points: DailyPoint[]; height?: number }) {
  const data = points.map((p) => ({
    t: Date.parse(p.day), score: p.score === null ? null : Number(p.score.toFixed(1)),
    band: p.lowest === null || p.highest === null ? null : [Number(p.lowest.toFixed(1)), Number(p.highest.toFixed(1))],
  }));
  return (
    <>
      <div style={{ height }} className="w-full" aria-hidden="true">
        <ComposedChart accessibilityLayer={false} responsive style={{ width: "100%", height }} data={data} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
          <ReferenceArea y1={0} y2={BANDS.critical} fill="#fee2e2" fillOpacity={0.6} ifOverflow="hidden" />
          <ReferenceArea y1={BANDS.critical} y2={BANDS.warning} fill="#fef3c7" fillOpacity={0.6} ifOverflow="hidden" />
          <ReferenceArea y1={BANDS.warning} y2={100} fill="#dcfce7" fillOpacity={0.4} ifOverflow="hidden" />
          <CartesianGrid stroke="#e2e8f0" strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="t" type="number" scale="time" domain={["dataMin", "dataMax"]} tickFormatter={dayUtc} tick={{ fontSize: 12, fill: "#475569" }} minTickGap={24} />
          <YAxis domain={[0, 100]} ticks={[0, 20, 40, 60, 80, 100]} width={40} tick={{ fontSize: 12, fill: "#475569" }} />
          <Tooltip
            labelFormatter={(t) => (typeof t === "number" ? dayUtc(t) : "")}
            formatter={(v, name) => [Array.isArray(v) ? `${v[0]} – ${v[1]}` : (v ?? "no data"), name === "band" ? "Service range" : "Portfolio score"]}
          />
          <Area dataKey="band" stroke="none" fill="#64748b" fillOpacity={0.2} isAnimationActive={false} connectNulls={false} />
          <Line type="monotone" dataKey="score" stroke="#0f172a" strokeWidth={2} dot={{ r: 2 }} isAnimationActive={false} connectNulls={false} />
        </ComposedChart>
      </div>
      {/* A table ignores width: 1px, so the visually hidden box is a div around it. */}
      <div className="sr-only">
      <table>
        <caption>Portfolio score per day</caption>
        <thead><tr><th scope="col">Day</th><th scope="col">Score</th><th scope="col">Lowest service</th><th scope="col">Highest service</th></tr></thead>
        <tbody>
          {points.map((p) => (
            <tr key={p.day}>
              <th scope="row">{dayUtc(p.day)}</th>
              <td>{p.score?.toFixed(1) ?? "no data"}</td>
              <td>{p.lowest?.toFixed(1) ?? "—"}</td>
              <td>{p.highest?.toFixed(1) ?? "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      </div>
    </>
  );
}
