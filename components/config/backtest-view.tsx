import { formatScore, formatTime } from "@/components/ui/format.ts";
import { statusLabel } from "@/components/ui/status-badge.tsx";
import { TableHead } from "@/components/ui/table-head.tsx";
import { EmptyState } from "@/components/ui/states.tsx";
import type { Backtest } from "@/lib/services/configs/run-backtest.ts";
import { BacktestChart } from "./backtest-chart.tsx";
import { backtestChartPoints, episodeRows, formatSpan, STATUSES, statusShares } from "./backtest-series.ts";

// What a proposal would have done over recent history, next to what the active config did: the two score
// series, the alerts each would have raised, and the time each spent in each status.

export function BacktestView({ backtest, thresholds }: { backtest: Backtest; thresholds: { warning: number; critical: number } }) {
  const { current, proposed } = backtest;
  const points = backtestChartPoints(current, proposed);
  const episodes = episodeRows(current, proposed);
  const shares = { current: current ? statusShares(current.timeInStatus) : null, proposed: statusShares(proposed.timeInStatus) };
  return (
    <div className="flex flex-col gap-4" data-testid="backtest">
      <p className="text-sm text-slate-600">
        {formatTime(backtest.from, true)} to {formatTime(backtest.to, true)}, one point every {backtest.step}.{" "}
        <span data-testid="backtest-ms">Computed in {Math.round(backtest.computeMs)} ms.</span>
        {!current && " The service has no active config yet: only the proposal is shown."}
      </p>
      {points.length === 0 ? <EmptyState title="No history in this range" /> : <BacktestChart points={points} thresholds={thresholds} />}
      <div className="grid gap-4 lg:grid-cols-2">
        <div className="relative overflow-x-auto">
          <h3 className="mb-2 text-sm font-semibold">Time in each status</h3>
          <table className="w-full text-left text-sm" data-testid="time-in-status">
            <TableHead columns={[{ label: "Status" }, { label: "Active config", align: "right" }, { label: "Proposed", align: "right" }]} />
            <tbody>
              {STATUSES.map((s) => (
                <tr key={s} className="border-t border-slate-100">
                  <th scope="row" className="py-1.5 pr-3 text-left font-normal">{statusLabel(s)}</th>
                  <td className="py-1.5 pr-3 text-right tabular-nums">{current && shares.current ? `${formatSpan(current.timeInStatus[s])} (${shares.current[s].toFixed(0)} %)` : "—"}</td>
                  <td className="py-1.5 text-right tabular-nums">{formatSpan(proposed.timeInStatus[s])} ({shares.proposed[s].toFixed(0)} %)</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="relative overflow-x-auto">
          <h3 className="mb-2 text-sm font-semibold">Alerts each config would have raised</h3>
          {episodes.length === 0 ? (
            <EmptyState title="No alerts">Neither config would have raised an alert in this range.</EmptyState>
          ) : (
            <table className="w-full text-left text-sm" data-testid="episodes">
              <TableHead columns={[{ label: "Config" }, { label: "Severity" }, { label: "Pending" }, { label: "Fired" }, { label: "Ended" }, { label: "Worst", align: "right" }]} />
              <tbody>
                {episodes.map((e, i) => (
                  <tr key={i} className="border-t border-slate-100" data-config={e.config}>
                    <td className="py-1.5 pr-3">{e.config === "current" ? "Active" : "Proposed"}</td>
                    <td className="py-1.5 pr-3">{e.severity}</td>
                    <td className="py-1.5 pr-3">{formatTime(e.pendingSince, true)}</td>
                    <td className="py-1.5 pr-3">{e.firingSince ? formatTime(e.firingSince, true) : "never fired"}</td>
                    <td className="py-1.5 pr-3">{e.endedAt ? formatTime(e.endedAt, true) : "still open"}</td>
                    <td className="py-1.5 text-right tabular-nums">{formatScore(e.worstScore)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      </div>
    </div>
  );
}
