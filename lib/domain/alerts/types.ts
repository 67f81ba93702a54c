import type { HealthStatus } from "../score/score.ts";
import type { Severity } from "./state-machine.ts";

// What the evaluator hands to the notification outbox, and the shapes stored in alert rows' JSON columns.

/** Why a notification is sent. refresh: a firing alert re-sent to Alertmanager so it does not time out. */
export type NoticeKind = "trigger" | "resolve" | "renotify" | "refresh";

export interface AlertNotice {
  kind: NoticeKind;
  alertId: string;
  /** "<service slug>:<severity>": PagerDuty's dedup_key, the Alertmanager alertname/labels' identity. */
  alertKey: string;
  severity: Severity;
  service: { slug: string; name: string; businessUnit: string; riskTier: string };
  /** The score when the notice was decided (null: no data). */
  score: number | null;
  status: HealthStatus;
  /** The threshold the rule watches. */
  threshold: number;
  pendingSince: string;
  firingSince: string | null;
  resolvedAt: string | null;
  /** The components losing the most points, worst first (at most three). */
  topComponents: { metric: string; value: number | null; pointsLost: number | null }[];
  configVersion: number | null;
  /** A link to the service page showing the episode's time window. */
  url: string;
  /** When the notice was decided, ISO 8601. */
  at: string;
}

export function alertKey(serviceSlug: string, severity: Severity): string {
  return `${serviceSlug}:${severity}`;
}

/** The automated mitigation an action webhook applied for a critical alert (Alert.mitigation, JSON). */
export interface Mitigation {
  channel: string;
  /** e.g. "shift_traffic" */
  action: string;
  params: Record<string, unknown>;
  /** proposed: queued; applied: the endpoint accepted it; failed: it gave up; then an engineer acknowledges or overrides (revert sent). */
  state: "proposed" | "applied" | "failed" | "acknowledged" | "overridden";
  proposedAt: string;
  appliedAt?: string;
  decidedAt?: string;
  decidedBy?: string;
}
