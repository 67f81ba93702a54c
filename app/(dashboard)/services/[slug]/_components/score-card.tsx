import type { UseQueryResult } from "@tanstack/react-query";
import { formatPercent, formatScore, formatTime } from "@/components/ui/format.ts";
import { StatusBadge } from "@/components/ui/status-badge.tsx";
import type { HealthReport } from "@/lib/domain/score/report.ts";
import { Section } from "./section.tsx";

/** The headline: score and status, where it sits among the threshold bands, coverage and config version. */
export function ScoreCard({ query, thresholds, openAlerts }: { query: UseQueryResult<HealthReport>; thresholds: { warning: number; critical: number }; openAlerts: number | null }) {
  const alerts = openAlerts === null ? null : openAlerts === 0 ? "No open alerts" : `${openAlerts} open ${openAlerts === 1 ? "alert" : "alerts"}`;
  return (
    <Section title="Health score" id="score-card" query={query} skeletonClass="h-28" actions={alerts && <a href="#service-alerts-title" className="text-sm text-blue-700 underline">{alerts}</a>}>
      {(h) => (
        <div className="grid gap-4 sm:grid-cols-[auto_1fr]">
          <div className="flex items-center gap-3">
            <span className="text-6xl font-semibold tabular-nums leading-none" data-testid="score-value">{formatScore(h.score)}</span>
            <div className="space-y-1">
              <StatusBadge status={h.status} size="lg" />
              <p className="text-xs text-slate-600">of 100</p>
            </div>
          </div>
          <div className="space-y-3">
            <BandBar score={h.score} thresholds={thresholds} />
            <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-sm sm:grid-cols-4">
              <Item label="Window">{h.window} ending {formatTime(h.at)}</Item>
              <Item label="Coverage">{formatPercent(h.coverage)}</Item>
              <Item label="Events">{h.events.toLocaleString("en")}</Item>
              <Item label="Config">{h.configVersion === null ? "built-in default" : `version ${h.configVersion}`}</Item>
            </dl>
            {h.events === 0 && <p className="text-sm text-slate-700">No traffic in this window.</p>}
            {h.status === "no_data" && h.events > 0 && <p className="text-sm text-slate-700">Too few samples for the score: under half the weight has data (coverage {formatPercent(h.coverage)}).</p>}
            {h.floorsApplied.length > 0 && (
              <p className="text-sm text-critical">
                Capped by a floor: {h.floorsApplied.map((f) => `${f.metric} ${f.above !== undefined ? `above ${f.above}` : `below ${f.below}`} → at most ${f.cap}`).join("; ")}
              </p>
            )}
          </div>
        </div>
      )}
    </Section>
  );
}

function Item({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-xs text-slate-600">{label}</dt>
      <dd className="font-medium">{children}</dd>
    </div>
  );
}

/** 0–100 with the critical, warning and healthy bands labelled, and a marker at the score. */
function BandBar({ score, thresholds }: { score: number | null; thresholds: { warning: number; critical: number } }) {
  const { critical, warning } = thresholds;
  return (
    <div>
      <div aria-hidden="true" className="relative flex h-3 overflow-hidden rounded-full text-[0]">
        <div className="bg-critical-soft" style={{ width: `${critical}%` }} />
        <div className="bg-warning-soft" style={{ width: `${warning - critical}%` }} />
        <div className="bg-healthy-soft" style={{ width: `${100 - warning}%` }} />
        {score !== null && <div className="absolute top-0 h-3 w-1 -translate-x-1/2 bg-slate-900" style={{ left: `${score}%` }} />}
      </div>
      <div aria-hidden="true" className="relative mt-1 h-4 text-[11px] text-slate-600">
        <span className="absolute left-0">0</span>
        <span className="absolute -translate-x-1/2" style={{ left: `${critical}%` }}>{critical}</span>
        <span className="absolute -translate-x-1/2" style={{ left: `${warning}%` }}>{warning}</span>
        <span className="absolute right-0">100</span>
      </div>
      <p className="text-xs text-slate-600">
        Critical below {critical} · warning {critical}–{warning} · healthy {warning} and above
      </p>
    </div>
  );
}
