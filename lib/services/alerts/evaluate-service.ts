import { randomUUID } from "node:crypto";
import type { Db, Tx } from "@/lib/db/client.ts";
import type { ServiceSummary } from "@/lib/db/services.ts";
import { alertKey, type AlertNotice, type NoticeKind } from "@/lib/domain/alerts/types.ts";
import { OK, rulePolicy, SEVERITIES, stepRule, type RuleState, type Severity, type Transition } from "@/lib/domain/alerts/state-machine.ts";
import { MINUTE_MS } from "@/lib/domain/rollup/index.ts";
import type { HealthReport, ScoreConfig } from "@/lib/domain/score/index.ts";
import { AppError } from "@/lib/errors.ts";
import { scoreSeries } from "@/lib/services/health/score-series.ts";
import { enqueueNotifications } from "./enqueue-notifications.ts";

// One service's evaluation (DESIGN.md §7): the score at every minute since its last snapshot, a snapshot per
// minute, and each severity rule stepped through those minutes from its persisted state. Catching up is the
// same code as the live minute: after a restart or a failover the evaluator scores the minutes it missed from
// the rollups, so no transition is lost, and because the open episode is read back from the database, an
// episode that was already firing is never triggered (or paged) a second time.
//
// Everything a run decides — snapshots, alert rows, their timeline, the outbox rows — commits in one
// transaction: a crash leaves either all of it or none, and the next run redoes the same minutes.

export interface EvaluatedService {
  service: ServiceSummary;
  config: ScoreConfig;
  configVersionId: string | null;
  configVersion: number | null;
}

export interface EvaluateOptions {
  now: Date;
  /** The instants to evaluate, ms, ascending (default: every minute after the last snapshot up to now). */
  instants?: number[];
  /** How far back the evaluator catches up at most, ms (default 24 h): older missed minutes stay unscored. */
  maxCatchUpMs?: number;
  /** The product's base URL, for links in notifications. */
  baseUrl: string;
}

export interface ServiceEvaluation {
  instants: number;
  transitions: number;
  notifications: number;
}

const DEFAULT_CATCH_UP_MS = 24 * 60 * MINUTE_MS;

/** The minutes to evaluate: each minute boundary after the last snapshot, up to now, at most maxCatchUp back. */
export function minutesToEvaluate(lastSnapshot: number | null, now: number, maxCatchUpMs: number): number[] {
  const current = Math.floor(now / MINUTE_MS) * MINUTE_MS;
  const first = Math.max(lastSnapshot === null ? current : lastSnapshot + MINUTE_MS, current - maxCatchUpMs);
  const out: number[] = [];
  for (let at = first; at <= current; at += MINUTE_MS) out.push(at);
  return out;
}

/** An episode as this run sees it: loaded open from the database, or opened during the run. */
interface EpisodeDraft {
  id: string;
  severity: Severity;
  isNew: boolean;
  /** The state the database holds now (guard for the update); null for a new episode. */
  storedState: string | null;
  state: "pending" | "firing" | "resolved" | "cancelled";
  pendingSince: number;
  firingSince: number | null;
  resolvedAt: number | null;
  lastNotifiedAt: number | null;
  acknowledged: boolean;
  score: number | null;
  worstScore: number | null;
  shadow: boolean;
  changed: boolean;
}

interface TimelineEntry {
  alertId: string;
  at: number;
  kind: Transition;
  score: number | null;
}

interface Notice {
  /** The episode as it stood when the notice was decided (a later minute of the same run may resolve it). */
  episode: EpisodeDraft;
  kind: NoticeKind;
  at: number;
  report: HealthReport;
}

export async function evaluateService(db: Db, target: EvaluatedService, options: EvaluateOptions): Promise<ServiceEvaluation> {
  const { service, config } = target;
  const now = options.now.getTime();
  const last = await db.scoreSnapshot.findFirst({ where: { serviceId: service.id }, orderBy: { at: "desc" }, select: { at: true } });
  const lastMs = last ? last.at.getTime() : null;
  const instants = (options.instants ?? minutesToEvaluate(lastMs, now, options.maxCatchUpMs ?? DEFAULT_CATCH_UP_MS))
    .filter((at) => lastMs === null || at > lastMs);
  if (instants.length === 0) return { instants: 0, transitions: 0, notifications: 0 };

  const reports = await scoreSeries({ service, config, configVersion: target.configVersion, ends: instants, now: options.now });
  const open = await db.alert.findMany({ where: { serviceId: service.id, state: { in: ["pending", "firing"] } } });

  // Each severity's current episode (or none: ok).
  const current = new Map<Severity, EpisodeDraft>();
  for (const row of open) {
    if (!isSeverity(row.severity)) continue;
    current.set(row.severity, {
      id: row.id, severity: row.severity, isNew: false, storedState: row.state, state: row.state as "pending" | "firing",
      pendingSince: row.pendingSince.getTime(), firingSince: row.firingSince?.getTime() ?? null, resolvedAt: null,
      lastNotifiedAt: row.lastNotifiedAt?.getTime() ?? null, acknowledged: row.acknowledgedAt !== null,
      score: row.score, worstScore: row.worstScore, shadow: row.shadow, changed: false,
    });
  }
  const touched: EpisodeDraft[] = [...current.values()];
  const timeline: TimelineEntry[] = [];
  const notices: Notice[] = [];

  reports.forEach((report, i) => {
    const at = instants[i]!;
    for (const severity of SEVERITIES) {
      let episode = current.get(severity);
      const prev: RuleState = episode && (episode.state === "pending" || episode.state === "firing")
        ? { state: episode.state, pendingSince: episode.pendingSince, firingSince: episode.firingSince }
        : OK;
      const step = stepRule(prev, { at, score: report.score }, rulePolicy(severity, config.thresholds, config.alerting));
      for (const transition of step.transitions) {
        if (transition === "pending") {
          episode = {
            id: randomUUID(), severity, isNew: true, storedState: null, state: "pending", pendingSince: at, firingSince: null,
            resolvedAt: null, lastNotifiedAt: null, acknowledged: false, score: report.score, worstScore: null, shadow: config.shadow, changed: true,
          };
          current.set(severity, episode);
          touched.push(episode);
        }
        if (!episode) continue;
        episode.changed = true;
        episode.score = report.score;
        if (transition === "firing") {
          episode.state = "firing";
          episode.firingSince = at;
          notices.push({ episode: { ...episode }, kind: "trigger", at, report });
          episode.lastNotifiedAt = at;
        } else if (transition === "resolved" || transition === "cancelled") {
          episode.state = transition;
          episode.resolvedAt = at;
          if (transition === "resolved") notices.push({ episode: { ...episode }, kind: "resolve", at, report });
          current.delete(severity);
        }
        timeline.push({ alertId: episode.id, at, kind: transition, score: report.score });
      }
      if (episode && current.get(severity) === episode && report.score !== null) {
        if (episode.worstScore === null || report.score < episode.worstScore) {
          episode.worstScore = report.score;
          episode.changed = true;
        }
      }
    }
  });

  // What a firing episode still owes at the latest minute: a reminder (renotify) and Alertmanager's refresh.
  const latest = instants.at(-1)!;
  const latestReport = reports.at(-1)!;
  for (const episode of current.values()) {
    if (episode.state !== "firing" || notices.some((n) => n.episode.id === episode.id && n.at === latest)) continue;
    const renotify = config.alerting.renotify;
    if (renotify !== null && !episode.acknowledged && latest - (episode.lastNotifiedAt ?? episode.firingSince ?? latest) >= renotify) {
      episode.lastNotifiedAt = latest;
      episode.changed = true;
      notices.push({ episode: { ...episode }, kind: "renotify", at: latest, report: latestReport });
    } else {
      notices.push({ episode: { ...episode }, kind: "refresh", at: latest, report: latestReport });
    }
  }

  let notifications = 0;
  await db.$transaction(async (tx) => {
    await tx.scoreSnapshot.createMany({
      data: reports.map((r, i) => ({
        serviceId: service.id, at: new Date(instants[i]!), score: r.score, status: r.status, coverage: r.coverage,
        components: JSON.stringify(r.components.map(({ metric, value, samples, normalized, pointsLost }) => ({ metric, value, samples, normalized, pointsLost }))),
        configVersionId: target.configVersionId,
      })),
    });
    for (const episode of touched) if (episode.changed) await saveEpisode(tx, target, episode, now);
    if (timeline.length > 0) {
      await tx.alertEvent.createMany({
        data: timeline.map((t) => ({ alertId: t.alertId, at: new Date(t.at), kind: t.kind, actorLabel: "evaluator", detail: JSON.stringify({ score: t.score }) })),
      });
    }
    for (const notice of notices) {
      if (notice.episode.shadow) continue; // shadow alerts are shown, never delivered
      const routes = config.alerting.routes[notice.episode.severity];
      const { queued } = await enqueueNotifications(tx, toNotice(target, notice, options.baseUrl), routes, options.now);
      notifications += queued;
    }
  }, { timeout: 30_000 });
  return { instants: instants.length, transitions: timeline.length, notifications };
}

async function saveEpisode(tx: Tx, target: EvaluatedService, e: EpisodeDraft, now: number): Promise<void> {
  const data = {
    state: e.state,
    firingSince: e.firingSince === null ? null : new Date(e.firingSince),
    resolvedAt: e.resolvedAt === null ? null : new Date(e.resolvedAt),
    lastNotifiedAt: e.lastNotifiedAt === null ? null : new Date(e.lastNotifiedAt),
    score: e.score,
    worstScore: e.worstScore,
  };
  if (e.isNew) {
    await tx.alert.create({
      data: {
        id: e.id, serviceId: target.service.id, severity: e.severity, shadow: e.shadow, alertKey: alertKey(target.service.slug, e.severity),
        pendingSince: new Date(e.pendingSince), configVersionId: target.configVersionId, createdAt: new Date(now), ...data,
      },
    });
    return;
  }
  // Guarded: an engineer may have resolved the episode by hand while this run scored. Then this run's view of
  // it is stale; the whole run rolls back and the next one starts from what the database holds.
  const updated = await tx.alert.updateMany({ where: { id: e.id, state: e.storedState! }, data });
  if (updated.count !== 1) throw new AppError("CONFLICT", 409, `Alert ${e.id} changed while the evaluator ran; retrying.`);
}

function toNotice(target: EvaluatedService, n: Notice, baseUrl: string): AlertNotice {
  const { service, config } = target;
  const e = n.episode;
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  // The service page over the episode: from an hour before it opened to its end (or now).
  const from = new Date(e.pendingSince - 60 * MINUTE_MS).toISOString();
  const to = new Date(Math.max(e.resolvedAt ?? n.at, e.pendingSince + MINUTE_MS)).toISOString();
  const url = `${baseUrl.replace(/\/$/, "")}/services/${encodeURIComponent(service.slug)}?${new URLSearchParams({ range: "custom", from, to })}`;
  const top = [...n.report.components]
    .filter((c) => c.pointsLost !== null)
    .sort((a, b) => (b.pointsLost ?? 0) - (a.pointsLost ?? 0))
    .slice(0, 3)
    .map(({ metric, value, pointsLost }) => ({ metric, value, pointsLost }));
  return {
    kind: n.kind, alertId: e.id, alertKey: alertKey(service.slug, e.severity), severity: e.severity,
    service: { slug: service.slug, name: service.name, businessUnit: service.businessUnit, riskTier: service.riskTier },
    score: n.report.score, status: n.report.status, threshold: config.thresholds[e.severity],
    pendingSince: iso(e.pendingSince)!, firingSince: iso(e.firingSince), resolvedAt: iso(e.resolvedAt),
    topComponents: top, configVersion: target.configVersion, url, at: new Date(n.at).toISOString(),
  };
}

function isSeverity(value: string): value is Severity {
  return (SEVERITIES as readonly string[]).includes(value);
}
