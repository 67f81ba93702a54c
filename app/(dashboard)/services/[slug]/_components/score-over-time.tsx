import type { UseQueryResult } from "@tanstack/react-query";
import { ScoreChart } from "@/components/charts/score-chart.tsx";
import { formatTime } from "@/components/ui/format.ts";
import { EmptyState } from "@/components/ui/states.tsx";
import type { ScoreTimeseries } from "@/lib/services/health/get-score-timeseries.ts";
import { Section } from "./section.tsx";

export function ScoreOverTime({ query, thresholds }: { query: UseQueryResult<ScoreTimeseries>; thresholds: { warning: number; critical: number } }) {
  return (
    <Section title="Score over time" id="score-over-time" query={query} skeletonClass="h-[260px]">
      {(series) => {
        const points = series.points.map((p) => ({ t: Date.parse(p.at), score: p.score }));
        const scored = series.points.filter((p) => p.score !== null);
        return (
          <>
            <p className="mb-2 text-xs text-slate-600">
              All traffic · each point is the {series.window} window ending there · every {series.step} from {formatTime(series.from, true)} to {formatTime(series.to, true)} ·
              alert markers appear here once alerting is set up
            </p>
            {scored.length === 0 ? (
              <EmptyState title="No traffic in this range">No point of this range has enough samples for a score.</EmptyState>
            ) : (
              <>
                <ScoreChart points={points} thresholds={thresholds} />
                <p className="sr-only">
                  Lowest score {Math.min(...scored.map((p) => p.score!)).toFixed(0)}, latest {scored.at(-1)!.score!.toFixed(0)}, over {points.length} points.
                </p>
              </>
            )}
          </>
        );
      }}
    </Section>
  );
}
