import type { ConfigChange } from "@/lib/domain/score/config-diff.ts";
import type { ScoreConfig } from "@/lib/domain/score/index.ts";
import type { VersionStatus } from "@/lib/db/score-configs.ts";

// The shapes of /work/notes/governance-contract.ts: what the config editor, /reviews and the APIs show.

export type { ConfigChange, VersionStatus };

export interface PersonSummary {
  id: string;
  name: string;
  email: string;
}

export interface VersionSummary {
  id: string;
  serviceSlug: string;
  version: number;
  status: VersionStatus;
  rationale: string;
  author: PersonSummary | null;
  reviewer: PersonSummary | null;
  reviewComment: string | null;
  createdAt: string;
  proposedAt: string | null;
  reviewedAt: string | null;
  activatedAt: string | null;
  activateAt: string | null;
}

export interface VersionDetail extends VersionSummary {
  config: ScoreConfig;
  yaml: string;
  /** Against the service's active version (empty when this is the active one, or there is none). */
  diff: ConfigChange[];
  /** What the viewer may do with it, from can(): the UI shows only these buttons. */
  allowed: { edit: boolean; propose: boolean; withdraw: boolean; review: boolean };
}

export type BacktestStatus = "healthy" | "warning" | "critical" | "no_data";

export interface BacktestSeries {
  points: { at: string; score: number | null; status: BacktestStatus }[];
  episodes: { severity: "warning" | "critical"; pendingSince: string; firingSince: string | null; endedAt: string | null; worstScore: number | null }[];
  /** Seconds in each status over the range. */
  timeInStatus: Record<BacktestStatus, number>;
}

export interface Backtest {
  from: string;
  to: string;
  /** The spacing of the points, as configs write durations ("5m"). */
  step: string;
  /** null when the service has no active version yet. */
  current: BacktestSeries | null;
  proposed: BacktestSeries;
  computeMs: number;
}
