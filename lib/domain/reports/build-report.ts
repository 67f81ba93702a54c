import type { ScoreThresholds } from "../score/config.ts";
import { statusFor } from "../score/score.ts";
import { changeOf, combineFigures, serviceFigures, trafficWeighted, type PeriodInput } from "./figures.ts";
import { daysOf } from "./period.ts";
import { meanScore } from "./time-in-status.ts";
import type { Compared, DailyPoint, Figures, GroupBy, GroupReport, Period, Report, ServiceReport } from "./types.ts";

// Assembles the report from what was read per service: service rows, groups, the portfolio and the daily chart.

export interface ServiceInput {
  slug: string;
  name: string;
  businessUnit: string;
  riskTier: string;
  thresholds: ScoreThresholds;
  current: PeriodInput;
  previous: PeriodInput;
}

export interface ReportInput {
  generatedAt: number;
  period: Period;
  previousPeriod: Period;
  groupBy: GroupBy;
  services: readonly ServiceInput[];
}

export const REPORT_RULES: readonly string[] = [
  "Score: a service's score is the time-weighted mean of its score snapshots; a group's is the mean of its services' scores weighted by their requests (equal weights when none had traffic).",
  "Time in status: each snapshot holds until the service's next one, for at most 15 minutes; time no snapshot covers counts as no data. Times are summed over a group's services.",
  "Alert episodes: non-shadow alerts that fired, counted in the period they began firing. Episodes still open at the period's end (or resolved after it) are counted as open and left out of MTTR, which covers resolved episodes only; MTTA covers episodes acknowledged before the end. Episodes that fired earlier and were open at the start are shown as carried in, not counted again.",
  "Cost and requests: all traffic from the rollups whose buckets start in the period. Cost per 1,000 requests = cost ÷ requests × 1,000.",
  "Change: this period minus the previous one; a period still running is compared with the same elapsed length of the previous one. Status changes compare shares of service-time.",
];

const TIER_ORDER: Record<string, number> = { critical: 0, high: 1, medium: 2, low: 3 };
const tierRank = (t: string) => TIER_ORDER[t] ?? 9;

function groupOf(s: ServiceInput, by: GroupBy): { key: string; label: string; businessUnit: string | null; riskTier: string | null } {
  if (by === "business_unit") return { key: `bu:${s.businessUnit}`, label: s.businessUnit, businessUnit: s.businessUnit, riskTier: null };
  if (by === "risk_tier") return { key: `tier:${s.riskTier}`, label: `${s.riskTier} risk`, businessUnit: null, riskTier: s.riskTier };
  return { key: `bu:${s.businessUnit}|tier:${s.riskTier}`, label: `${s.businessUnit} · ${s.riskTier} risk`, businessUnit: s.businessUnit, riskTier: s.riskTier };
}

function compared(figures: Figures, previous: Figures): Compared {
  return { figures, previous, change: changeOf(figures, previous) };
}

/** Worst first: lowest score, then no score, then by name. */
const byScore = (a: ServiceReport, b: ServiceReport) =>
  (a.figures.score ?? Infinity) - (b.figures.score ?? Infinity) || a.name.localeCompare(b.name);

export function buildReport(input: ReportInput): Report {
  const { period, previousPeriod } = input;
  const periodMs = Date.parse(period.to) - Date.parse(period.from);
  const previousMs = Date.parse(previousPeriod.to) - Date.parse(previousPeriod.from);
  const rows = input.services.map((s): ServiceReport => {
    const figures = serviceFigures(s.slug, s.current, periodMs);
    return {
      slug: s.slug, name: s.name, businessUnit: s.businessUnit, riskTier: s.riskTier,
      status: statusFor(figures.score, s.thresholds),
      ...compared(figures, serviceFigures(s.slug, s.previous, previousMs)),
    };
  });

  const groups = new Map<string, GroupReport>();
  rows.forEach((row, i) => {
    const g = groupOf(input.services[i]!, input.groupBy);
    const group = groups.get(g.key) ?? { ...g, services: [], ...compared(combineFigures([]), combineFigures([])) };
    group.services.push(row);
    groups.set(g.key, group);
  });
  for (const group of groups.values()) {
    group.services.sort(byScore);
    Object.assign(group, compared(combineFigures(group.services.map((s) => s.figures)), combineFigures(group.services.map((s) => s.previous))));
  }
  const ordered = [...groups.values()].sort((a, b) =>
    tierRank(a.riskTier ?? "") - tierRank(b.riskTier ?? "") || (a.businessUnit ?? "").localeCompare(b.businessUnit ?? ""));

  return {
    version: 1,
    generatedAt: new Date(input.generatedAt).toISOString(),
    period, previousPeriod, groupBy: input.groupBy,
    portfolio: compared(combineFigures(rows.map((r) => r.figures)), combineFigures(rows.map((r) => r.previous))),
    groups: ordered,
    daily: dailyPoints(input.services, Date.parse(period.from), Date.parse(period.to)),
    rules: [...REPORT_RULES],
  };
}

/** Per UTC day: the services' day scores weighted by their requests that day, and the lowest and highest of them. */
export function dailyPoints(services: readonly Pick<ServiceInput, "current">[], from: number, to: number): DailyPoint[] {
  return daysOf(from, to).map((day) => {
    const entries = services.map((s) => {
      const d = s.current.stats.byDay.get(day);
      return { score: d ? meanScore(d.scoreMs, d.scoredMs) : null, requests: s.current.requestsByDay.get(day) ?? 0 };
    });
    const scores = entries.flatMap((e) => (e.score === null ? [] : [e.score]));
    return {
      day: new Date(day).toISOString(),
      score: trafficWeighted(entries),
      lowest: scores.length ? Math.min(...scores) : null,
      highest: scores.length ? Math.max(...scores) : null,
    };
  });
}
