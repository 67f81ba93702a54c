import type { HealthStatus } from "../score/score.ts";

// The report object (DESIGN.md §9, executive reports): plain JSON, every figure included, so a saved snapshot can
// store exactly what the page, the API and the CSV show. Times are RFC 3339 strings; durations are ms.

export type PeriodKind = "week" | "month" | "quarter" | "custom";
export type GroupBy = "business_unit" | "risk_tier" | "both";
export const STATUSES: readonly HealthStatus[] = ["healthy", "warning", "critical", "no_data"];

export interface Period {
  kind: PeriodKind;
  /** [from, to): to is the period's end, or the generation time while the period is still running. */
  from: string;
  to: string;
  /** The calendar end (equal to `to` once the period is over). */
  end: string;
  label: string;
  /** The period is still running: figures are "so far". */
  soFar: boolean;
}

export type StatusTimes = Record<HealthStatus, number>;

export interface Figures {
  /** Traffic-weighted mean score (a service: its time-weighted mean over its snapshots). */
  score: number | null;
  /** The lowest service score of the group (a service: its own score). */
  lowestScore: number | null;
  lowestService: string | null;
  /** Service-time in each status, ms; summed over the group's services. */
  statusMs: StatusTimes;
  /** Episodes that began firing in the period, by severity. */
  episodes: { warning: number; critical: number };
  /** Of those, still firing (or resolved only after) at the period's end. */
  openAtEnd: number;
  /** Episodes that fired before the period and were still open at its start (counted in their own period). */
  carriedIn: number;
  /** Mean time from firing to acknowledgement, over the period's episodes acknowledged before its end. */
  mttaMs: number | null;
  acknowledged: number;
  /** Mean time from firing to resolution, over the period's episodes resolved before its end. */
  mttrMs: number | null;
  resolved: number;
  requests: number;
  costUsd: number;
  costPer1kRequests: number | null;
}

/** Current minus previous, per figure; null when either side has no value. Status times as shares of the period. */
export interface FigureChanges {
  score: number | null;
  lowestScore: number | null;
  statusShare: StatusTimes;
  episodes: { warning: number; critical: number };
  mttaMs: number | null;
  mttrMs: number | null;
  requests: number;
  costUsd: number;
  costPer1kRequests: number | null;
}

export interface Compared {
  figures: Figures;
  previous: Figures;
  change: FigureChanges;
}

export interface ServiceReport extends Compared {
  slug: string;
  name: string;
  businessUnit: string;
  riskTier: string;
  /** The status of the period's score against the service's active thresholds. */
  status: HealthStatus;
}

export interface GroupReport extends Compared {
  key: string;
  label: string;
  businessUnit: string | null;
  riskTier: string | null;
  services: ServiceReport[];
}

/** One UTC day of the portfolio score chart: the traffic-weighted score and the band of service scores. */
export interface DailyPoint {
  day: string;
  score: number | null;
  lowest: number | null;
  highest: number | null;
}

export interface Report {
  version: 1;
  generatedAt: string;
  period: Period;
  previousPeriod: Period;
  groupBy: GroupBy;
  portfolio: Compared;
  groups: GroupReport[];
  daily: DailyPoint[];
  /** How the figures are counted, in words: shown under the report and exported with it. */
  rules: string[];
}
