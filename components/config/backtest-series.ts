// Ready-made rows for the backtest's chart and tables, from the Backtest the service computed. Pure, tested.

type Status = "healthy" | "warning" | "critical" | "no_data";
export interface BacktestSeriesLike {
  points: { at: string; score: number | null; status: Status }[];
  episodes: { severity: "warning" | "critical"; pendingSince: string; firingSince: string | null; endedAt: string | null; worstScore: number | null }[];
  timeInStatus: Record<Status, number>;
}

export interface BacktestChartPoint { t: number; current: number | null; proposed: number | null }

/** Both series on one time axis; a time only one series has gets null for the other (a gap, not a zero). */
export function backtestChartPoints(current: BacktestSeriesLike | null, proposed: BacktestSeriesLike): BacktestChartPoint[] {
  const rows = new Map<number, BacktestChartPoint>();
  const row = (at: string) => {
    const t = Date.parse(at);
    let r = rows.get(t);
    if (!r) rows.set(t, (r = { t, current: null, proposed: null }));
    return r;
  };
  for (const p of current?.points ?? []) row(p.at).current = p.score;
  for (const p of proposed.points) row(p.at).proposed = p.score;
  return [...rows.values()].sort((a, b) => a.t - b.t);
}

export interface EpisodeRow {
  config: "current" | "proposed";
  severity: "warning" | "critical";
  pendingSince: string;
  firingSince: string | null;
  endedAt: string | null;
  worstScore: number | null;
}

/** Every episode of both configs, in time order, labelled by the config that raised it. */
export function episodeRows(current: BacktestSeriesLike | null, proposed: BacktestSeriesLike): EpisodeRow[] {
  const label = (config: EpisodeRow["config"]) => (e: BacktestSeriesLike["episodes"][number]): EpisodeRow => ({ config, ...e });
  return [...(current?.episodes ?? []).map(label("current")), ...proposed.episodes.map(label("proposed"))]
    .sort((a, b) => a.pendingSince.localeCompare(b.pendingSince) || a.config.localeCompare(b.config));
}

export const STATUSES: readonly Status[] = ["healthy", "warning", "critical", "no_data"];

/** "3 h 20 min", "45 min", "0 min": time in a status, to the minute (the evaluator's resolution). */
export function formatSpan(seconds: number): string {
  const minutes = Math.round(seconds / 60);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  const parts = [days > 0 ? `${days} d` : "", hours > 0 ? `${hours} h` : "", rest > 0 || minutes === 0 ? `${rest} min` : ""];
  return parts.filter(Boolean).join(" ");
}

/** Share of the range spent in each status, 0–100; all 0 over an empty range. */
export function statusShares(time: Record<Status, number>): Record<Status, number> {
  const total = STATUSES.reduce((s, k) => s + time[k], 0);
  return Object.fromEntries(STATUSES.map((k) => [k, total > 0 ? (100 * time[k]) / total : 0])) as Record<Status, number>;
}
