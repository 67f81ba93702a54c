import type { UseQueryResult } from "@tanstack/react-query";
import Link from "next/link";
import { ScoreChart, type AlertMarker } from "@/components/charts/score-chart.tsx";
import { severityLabel } from "@/components/alerts/alert-badges.tsx";
import { LocalTime } from "@/components/alerts/local-time.tsx";
import { formatTime } from "@/components/ui/format.ts";
import { EmptyState } from "@/components/ui/states.tsx";
import type { AlertSummary } from "@/lib/db/alert-queries.ts";
import type { AlertList } from "@/lib/services/alerts/list-alerts.ts";
import type { ScoreTimeseries } from "@/lib/services/health/get-score-timeseries.ts";
import { Section } from "./section.tsx";

const GLYPH: Record<string, string> = { critical: "■", warning: "▲" };

/** Episodes that fired, as spans from firing to resolution (or the series' end while still open). */
function markersOf(episodes: readonly AlertSummary[], end: number): AlertMarker[] {
  return episodes.flatMap((a) =>
    a.firingSince && (a.severity === "critical" || a.severity === "warning")
      ? [{ from: Date.parse(a.firingSince), to: a.resolvedAt ? Date.parse(a.resolvedAt) : end, severity: a.severity }]
      : [],
  );
}

export function ScoreOverTime({ query, thresholds, episodes }: {
  query: UseQueryResult<ScoreTimeseries>; thresholds: { warning: number; critical: number }; episodes: UseQueryResult<AlertList>;
}) {
  const fired = (episodes.data?.alerts ?? []).filter((a) => a.firingSince !== null);
  return (
    <Section title="Score over time" id="score-over-time" query={query} skeletonClass="h-[260px]">
      {(series) => {
        const points = series.points.map((p) => ({ t: Date.parse(p.at), score: p.score }));
        const scored = series.points.filter((p) => p.score !== null);
        return (
          <>
            <p className="mb-2 text-xs text-slate-600">
              {series.segment ? `${series.segment.dimension} ${series.segment.value} only` : "All traffic"} · each point is the {series.window} window ending there · every {series.step} from {formatTime(series.from, true)} to {formatTime(series.to, true)} ·
              shaded spans are alert episodes, from firing to resolution
            </p>
            {scored.length === 0 ? (
              <EmptyState title="No traffic in this range">No point of this range has enough samples for a score.</EmptyState>
            ) : (
              <>
                <ScoreChart points={points} thresholds={thresholds} alerts={markersOf(fired, Date.parse(series.to))} />
                <p className="sr-only">
                  Lowest score {Math.min(...scored.map((p) => p.score!)).toFixed(0)}, latest {scored.at(-1)!.score!.toFixed(0)}, over {points.length} points.
                </p>
              </>
            )}
            <EpisodeLegend fired={fired} />
          </>
        );
      }}
    </Section>
  );
}

/** The chart's markers in words, with links: the chart alone never carries them. */
function EpisodeLegend({ fired }: { fired: AlertSummary[] }) {
  if (fired.length === 0) return <p className="mt-2 text-xs text-slate-600" data-testid="episode-legend">No alert fired in this range.</p>;
  return (
    <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-700" aria-label="Alert episodes on the chart" data-testid="episode-legend">
      {fired.map((a) => (
        <li key={a.id}>
          <span aria-hidden="true" className={a.severity === "critical" ? "text-critical" : "text-warning"}>{GLYPH[a.severity] ?? "•"}</span>{" "}
          <Link href={`/alerts/${a.id}`} className="text-blue-700 underline">{severityLabel(a.severity)} alert</Link>{" "}
          fired <LocalTime at={a.firingSince!} />
          {a.resolvedAt ? <>, resolved <LocalTime at={a.resolvedAt} /></> : ", still firing"}
        </li>
      ))}
    </ul>
  );
}
