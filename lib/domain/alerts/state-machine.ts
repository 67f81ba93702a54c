import type { AlertingConfig, NoDataPolicy, ScoreThresholds } from "../score/config.ts";

// The alert state machine of DESIGN.md §7, pure. A service has one rule per severity: the warning rule watches
// the warning threshold, the critical rule the critical one. Each rule moves ok → pending → firing → ok:
//
//   ok       ─ breach ──────────────────────────────► pending  (and straight on to firing when `for` is 0)
//   pending  ─ breach, held for `for` ──────────────► firing
//   pending  ─ score back at or above the threshold ─► ok       (the episode is cancelled: it never fired)
//   firing   ─ score ≥ threshold + hysteresis ───────► ok       (the episode is resolved)
//
// A breach is a score below the threshold. Between the threshold and threshold + hysteresis a firing rule stays
// firing (so a score hovering at the threshold does not flap), while a pending one is cancelled. A null score
// (no data) follows the config's noData policy: keep (no change, and the `for` clock does not advance a pending
// rule to firing), ok (counts as recovered) or alert (counts as a breach).

export const SEVERITIES = ["warning", "critical"] as const;
export type Severity = (typeof SEVERITIES)[number];

export type RuleStateName = "ok" | "pending" | "firing";

export interface RuleState {
  state: RuleStateName;
  /** When the open episode began (pending since), ms; null when ok. */
  pendingSince: number | null;
  /** When the open episode fired, ms; null unless firing. */
  firingSince: number | null;
}

export const OK: Readonly<RuleState> = { state: "ok", pendingSince: null, firingSince: null };

export interface RulePolicy {
  threshold: number;
  /** How long a breach must hold before the rule fires, ms. */
  for: number;
  hysteresis: number;
  noData: NoDataPolicy;
}

export type Transition = "pending" | "firing" | "resolved" | "cancelled";

export interface Sample {
  at: number;
  /** null: no data (coverage too low, or no traffic). */
  score: number | null;
}

export interface Step {
  state: RuleState;
  /** What happened at this sample, in order: ["pending", "firing"] when `for` is 0. */
  transitions: Transition[];
}

/** breach: below the threshold; band: at or above it but inside the hysteresis; clear: above both; hold: no data kept. */
type Condition = "breach" | "band" | "clear" | "hold";

function condition(score: number | null, policy: RulePolicy): Condition {
  if (score === null) {
    switch (policy.noData) {
      case "keep": return "hold";
      case "ok": return "clear";
      case "alert": return "breach";
    }
  }
  if (score < policy.threshold) return "breach";
  return score >= policy.threshold + policy.hysteresis ? "clear" : "band";
}

/** One rule's next state after one sample. Samples must come in time order. */
export function stepRule(prev: RuleState, sample: Sample, policy: RulePolicy): Step {
  const c = condition(sample.score, policy);
  switch (prev.state) {
    case "ok": {
      if (c !== "breach") return { state: prev, transitions: [] };
      if (policy.for <= 0) return { state: { state: "firing", pendingSince: sample.at, firingSince: sample.at }, transitions: ["pending", "firing"] };
      return { state: { state: "pending", pendingSince: sample.at, firingSince: null }, transitions: ["pending"] };
    }
    case "pending": {
      if (c === "hold") return { state: prev, transitions: [] };
      if (c === "breach") {
        if (sample.at - (prev.pendingSince ?? sample.at) < policy.for) return { state: prev, transitions: [] };
        return { state: { state: "firing", pendingSince: prev.pendingSince, firingSince: sample.at }, transitions: ["firing"] };
      }
      return { state: OK, transitions: ["cancelled"] };
    }
    case "firing":
      return c === "clear" ? { state: OK, transitions: ["resolved"] } : { state: prev, transitions: [] };
  }
}

/** The policy of one severity's rule under a config. */
export function rulePolicy(severity: Severity, thresholds: ScoreThresholds, alerting: Pick<AlertingConfig, "for" | "hysteresis" | "noData">): RulePolicy {
  return { threshold: thresholds[severity], for: alerting.for, hysteresis: alerting.hysteresis, noData: alerting.noData };
}

/** An alert episode as a replay sees it: opened (pending), maybe fired, then resolved, cancelled, or still open. */
export interface Episode {
  severity: Severity;
  pendingSince: number;
  firingSince: number | null;
  /** When it ended: resolved (if it fired) or cancelled (if not); null while still open at the series' end. */
  endedAt: number | null;
  /** The lowest score seen while open. */
  worstScore: number | null;
}

/**
 * Replays a score series through both rules from ok: every episode each would have raised. The backtest of a
 * proposal and the evaluator's tests use it; the evaluator itself steps persisted state one sample at a time.
 */
export function replayAlerts(
  series: readonly Sample[],
  config: { thresholds: ScoreThresholds; alerting: Pick<AlertingConfig, "for" | "hysteresis" | "noData"> },
): Episode[] {
  const episodes: Episode[] = [];
  for (const severity of SEVERITIES) {
    const policy = rulePolicy(severity, config.thresholds, config.alerting);
    let state: RuleState = OK;
    let open: Episode | null = null;
    for (const sample of series) {
      const step = stepRule(state, sample, policy);
      for (const t of step.transitions) {
        if (t === "pending") {
          open = { severity, pendingSince: sample.at, firingSince: null, endedAt: null, worstScore: null };
          episodes.push(open);
        } else if (t === "firing" && open) open.firingSince = sample.at;
        else if (open) {
          open.endedAt = sample.at;
          open = null;
        }
      }
      if (open && sample.score !== null) open.worstScore = open.worstScore === null ? sample.score : Math.min(open.worstScore, sample.score);
      state = step.state;
    }
  }
  return episodes.sort((a, b) => a.pendingSince - b.pendingSince || a.severity.localeCompare(b.severity));
}
