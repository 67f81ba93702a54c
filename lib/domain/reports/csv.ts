import { STATUSES, type Compared, type Report } from "./types.ts";

// The CSV export of a report: one row per service, one per group and one for the portfolio, so a spreadsheet can
// filter by `level`. Columns (documented in the README of the reports API):
//   level (service | group | portfolio), group, service, name, business_unit, risk_tier, period_from, period_to,
//   score, lowest_score, lowest_service, <status>_hours ×4, <status>_share ×4, warning_episodes,
//   critical_episodes, open_at_end, carried_in, mtta_minutes, mttr_minutes, acknowledged, resolved, requests,
//   cost_usd, cost_per_1k_requests, then previous_<figure> and change_<figure> for score, critical_share,
//   episodes (both severities), mtta_minutes, mttr_minutes, requests, cost_usd and cost_per_1k_requests.
// Empty cell = no value. Service rows sum to their group's row (hours, episodes, requests, cost), groups to the
// portfolio's.

const HOUR = 3_600_000;
const MINUTE = 60_000;

export const CSV_COLUMNS = [
  "level", "group", "service", "name", "business_unit", "risk_tier", "period_from", "period_to",
  "score", "lowest_score", "lowest_service",
  ...STATUSES.map((s) => `${s}_hours`), ...STATUSES.map((s) => `${s}_share`),
  "warning_episodes", "critical_episodes", "open_at_end", "carried_in",
  "mtta_minutes", "mttr_minutes", "acknowledged", "resolved", "requests", "cost_usd", "cost_per_1k_requests",
  "previous_score", "change_score", "previous_critical_share", "change_critical_share",
  "previous_warning_episodes", "change_warning_episodes", "previous_critical_episodes", "change_critical_episodes",
  "previous_mtta_minutes", "change_mtta_minutes", "previous_mttr_minutes", "change_mttr_minutes",
  "previous_requests", "change_requests", "previous_cost_usd", "change_cost_usd",
  "previous_cost_per_1k_requests", "change_cost_per_1k_requests",
] as const;

type Cell = string | number | null;

const num = (v: number | null, digits: number): Cell => (v === null || !Number.isFinite(v) ? null : Number(v.toFixed(digits)));
const minutes = (ms: number | null) => num(ms === null ? null : ms / MINUTE, 2);

function escape(cell: Cell): string {
  if (cell === null) return "";
  const text = String(cell);
  // A leading = + - @ would run as a formula in a spreadsheet: quote-prefix it (OWASP CSV injection).
  const safe = typeof cell === "string" && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

function figureCells(c: Compared): Cell[] {
  const f = c.figures;
  const p = c.previous;
  const total = STATUSES.reduce((s, k) => s + f.statusMs[k], 0);
  const prevTotal = STATUSES.reduce((s, k) => s + p.statusMs[k], 0);
  const share = (ms: number, of: number) => (of > 0 ? ms / of : null);
  const prevCritical = share(p.statusMs.critical, prevTotal);
  return [
    num(f.score, 2), num(f.lowestScore, 2), f.lowestService,
    ...STATUSES.map((k) => num(f.statusMs[k] / HOUR, 4)), ...STATUSES.map((k) => num(share(f.statusMs[k], total), 4)),
    f.episodes.warning, f.episodes.critical, f.openAtEnd, f.carriedIn,
    minutes(f.mttaMs), minutes(f.mttrMs), f.acknowledged, f.resolved, f.requests, num(f.costUsd, 6), num(f.costPer1kRequests, 6),
    num(p.score, 2), num(c.change.score, 2), num(prevCritical, 4), num(c.change.statusShare.critical, 4),
    p.episodes.warning, c.change.episodes.warning, p.episodes.critical, c.change.episodes.critical,
    minutes(p.mttaMs), minutes(c.change.mttaMs), minutes(p.mttrMs), minutes(c.change.mttrMs),
    p.requests, c.change.requests, num(p.costUsd, 6), num(c.change.costUsd, 6),
    num(p.costPer1kRequests, 6), num(c.change.costPer1kRequests, 6),
  ];
}

export function reportCsv(report: Report): string {
  const { from, to } = report.period;
  const lines: Cell[][] = [[...CSV_COLUMNS]];
  for (const g of report.groups) {
    for (const s of g.services) lines.push(["service", g.label, s.slug, s.name, s.businessUnit, s.riskTier, from, to, ...figureCells(s)]);
    lines.push(["group", g.label, null, g.label, g.businessUnit, g.riskTier, from, to, ...figureCells(g)]);
  }
  lines.push(["portfolio", null, null, "Portfolio", null, null, from, to, ...figureCells(report.portfolio)]);
  return lines.map((cells) => cells.map(escape).join(",")).join("\r\n") + "\r\n";
}

/** "vitals-report-month-2026-11-01-by-risk_tier.csv": the period kind, its first day and the grouping. */
export function csvFileName(report: Pick<Report, "period" | "groupBy">): string {
  return `vitals-report-${report.period.kind}-${report.period.from.slice(0, 10)}-by-${report.groupBy}.csv`;
}
