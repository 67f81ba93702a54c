// The cost-aware failover ranking of one workload (issue 8): the providers that served it over the period,
// those meeting their SLA first, ordered by score per dollar; then the rest, by compliance. Figures behind
// every rank are kept on the candidate.
//
// - Score per dollar = the provider's score on this workload (0–100, the workload's scoring config) ÷ its cost
//   per 1,000 tokens (USD). Null without a score or without a positive cost: such a candidate ranks after those
//   with a figure in its group.
// - Meets the SLA: a target is set and compliance over the period is at least MIN_COMPLIANCE. A provider without
//   a target cannot be shown to meet one, so it ranks with those that miss it (reason "no-target").
// - Ties: equal score per dollar (to 1e-9) share a rank (1, 2, 2, 4) and are listed by score, then name.

export const MIN_COMPLIANCE = 0.99;
const EPSILON = 1e-9;

export interface Candidate {
  provider: string;
  score: number | null;
  costPer1kTokens: number | null;
  /** Compliance share in [0, 1]; null when there is no target or no measured bucket. */
  compliance: number | null;
  hasTarget: boolean;
}

export type Eligibility = "meets-sla" | "misses-sla" | "no-target" | "no-traffic-measured";

export type RankedCandidate<C extends Candidate> = C & {
  rank: number;
  eligibility: Eligibility;
  scorePerDollar: number | null;
};

export function scorePerDollar(score: number | null, costPer1kTokens: number | null): number | null {
  if (score === null || costPer1kTokens === null || !(costPer1kTokens > 0)) return null;
  return score / costPer1kTokens;
}

export function eligibilityOf(c: Candidate): Eligibility {
  if (!c.hasTarget) return "no-target";
  if (c.compliance === null) return "no-traffic-measured";
  return c.compliance >= MIN_COMPLIANCE ? "meets-sla" : "misses-sla";
}

/** Descending with nulls last. */
function desc(a: number | null, b: number | null): number {
  if (a === null || b === null) return a === null ? (b === null ? 0 : 1) : -1;
  return Math.abs(a - b) <= EPSILON ? 0 : b - a;
}

export function rankFailover<C extends Candidate>(candidates: readonly C[]): RankedCandidate<C>[] {
  const rows = candidates.map((c) => ({ ...c, eligibility: eligibilityOf(c), scorePerDollar: scorePerDollar(c.score, c.costPer1kTokens), rank: 0 }));
  const group = (r: (typeof rows)[number]) => (r.eligibility === "meets-sla" ? 0 : 1);
  // The primary key of the order: within those meeting the SLA, score per dollar; below them, compliance first.
  const primary = (a: (typeof rows)[number], b: (typeof rows)[number]) =>
    group(a) - group(b) || (group(a) === 1 ? desc(a.compliance, b.compliance) : 0) || desc(a.scorePerDollar, b.scorePerDollar);
  rows.sort((a, b) => primary(a, b) || desc(a.score, b.score) || (a.provider < b.provider ? -1 : a.provider > b.provider ? 1 : 0));
  rows.forEach((row, i) => {
    const prev = rows[i - 1];
    row.rank = prev && primary(prev, row) === 0 ? prev.rank : i + 1;
  });
  return rows as RankedCandidate<C>[];
}
