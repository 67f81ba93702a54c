"use client";

import { Line, LineChart, YAxis } from "recharts";

export interface SparkPoint {
  t: number;
  score: number | null;
}

/** A 24-hour score trend drawn small; decorative — the caller writes the numbers out beside it. */
export function Sparkline({ points, width = 120, height = 32 }: { points: SparkPoint[]; width?: number; height?: number }) {
  return (
    <div aria-hidden="true" style={{ width, height }}>
      <LineChart accessibilityLayer={false} width={width} height={height} data={points} margin={{ top: 2, right: 2, bottom: 2, left: 2 }}>
        <YAxis hide domain={[0, 100]} />
        <Line type="monotone" dataKey="score" stroke="#334155" strokeWidth={1.5} dot={false} isAnimationActive={false} connectNulls={false} />
      </LineChart>
    </div>
  );
}
