import { assertCan } from "@/lib/auth/assert-can.ts";
import { getDb } from "@/lib/db/client.ts";
import { findActiveConfig, versionConfig } from "@/lib/db/score-configs.ts";
import { replayAlerts } from "@/lib/domain/alerts/state-machine.ts";
import { formatDuration, type ScoreConfig } from "@/lib/domain/score/index.ts";
import { AppError } from "@/lib/errors.ts";
import { BacktestInput, type BacktestInput as BacktestRaw } from "@/lib/schemas/config-governance.ts";
import { scoreSeries } from "../health/score-series.ts";
import type { Ctx } from "../context.ts";
import { backtestEnds, backtestStep, timeInStatus } from "./backtest-math.ts";
import { parseConfigFor } from "./config-invalid.ts";
import type { Backtest, BacktestSeries } from "./types.ts";

export type { Backtest, BacktestSeries };
import { loadService, loadVersion } from "./version-view.ts";

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

async function replay(service: { id: string; slug: string }, config: ScoreConfig, version: number | null, ends: number[], stepMs: number, now: Date): Promise<BacktestSeries> {
  const reports = await scoreSeries({ service, config, configVersion: version, ends, now });
  const points = reports.map((r, i) => ({ at: iso(ends[i]!)!, score: r.score, status: r.status }));
  const episodes = replayAlerts(reports.map((r, i) => ({ at: ends[i]!, score: r.score })), config).map((e) => ({
    severity: e.severity, pendingSince: iso(e.pendingSince)!, firingSince: iso(e.firingSince), endedAt: iso(e.endedAt), worstScore: e.worstScore,
  }));
  return { points, episodes, timeInStatus: timeInStatus(reports.map((r) => r.status), stepMs) };
}

/**
 * Replays the active config and a proposed one (a stored version, or text from the editor) over the last
 * `days` of this service's rollups: each one's score series, the alert episodes it would have raised and the
 * time it spent in each status — what a reviewer needs to see before a change can page someone.
 */
export async function runBacktest(ctx: Ctx, slug: string, raw: BacktestRaw): Promise<Backtest> {
  assertCan(ctx.user, "dashboard.read");
  const input = BacktestInput.parse(raw);
  const started = performance.now();
  const db = await getDb();
  const service = await loadService(db, slug);
  let proposed: { config: ScoreConfig; version: number | null };
  if (input.versionId !== undefined) {
    const row = await loadVersion(db, ctx.user, input.versionId);
    if (row.serviceId !== service.id) throw new AppError("NOT_FOUND", 404, "No such config version.");
    proposed = { config: versionConfig(row), version: row.version };
  } else {
    proposed = { config: parseConfigFor(slug, input.text!, input.format), version: null };
  }
  const active = await findActiveConfig(db, service.id);
  const rangeMs = input.days * 86_400_000;
  const stepMs = backtestStep(rangeMs);
  const { from, to, ends } = backtestEnds(ctx.now.getTime(), rangeMs, stepMs);
  const target = { id: service.id, slug: service.slug };
  const [current, next] = await Promise.all([
    active ? replay(target, active.config, active.version, ends, stepMs, ctx.now) : Promise.resolve(null),
    replay(target, proposed.config, proposed.version, ends, stepMs, ctx.now),
  ]);
  return { from: iso(from)!, to: iso(to)!, step: formatDuration(stepMs), current, proposed: next, computeMs: Math.round(performance.now() - started) };
}
