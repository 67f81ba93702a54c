import { describe, expect, test } from "vitest";
import { buildReport, type ServiceInput } from "./build-report.ts";
import { CSV_COLUMNS, reportCsv } from "./csv.ts";
import type { EpisodeFigures } from "./episodes.ts";
import { changeOf, combineFigures, serviceFigures, trafficWeighted, type PeriodInput } from "./figures.ts";
import { previousPeriod, resolvePeriod } from "./period.ts";
import { snapshotStats, type SnapshotPoint } from "./time-in-status.ts";

const HOUR = 3_600_000;
const now = Date.parse("2026-11-04T00:00:00Z");
// A custom 2-day period, 2 Nov 00:00 – 4 Nov 00:00, compared with 31 Oct – 2 Nov.
const period = resolvePeriod({ kind: "custom", from: Date.parse("2026-11-02T00:00:00Z"), to: now }, now);
const prev = previousPeriod(period, now);
const from = Date.parse(period.from);
const prevFrom = Date.parse(prev.from);

const noEpisodes: EpisodeFigures = { episodes: { warning: 0, critical: 0 }, openAtEnd: 0, carriedIn: 0, ackMs: 0, acknowledged: 0, resolveMs: 0, resolved: 0 };

/** A service whose snapshots hold one score (and status) every 15 minutes over both days. */
function steady(start: number, score: number | null, status: SnapshotPoint["status"]): SnapshotPoint[] {
  return Array.from({ length: 2 * 96 }, (_, i) => ({ at: start + i * 15 * 60_000, score, status }));
}

function input(start: number, score: number | null, status: SnapshotPoint["status"], requests: number, cost: number, episodes = noEpisodes): PeriodInput {
  return {
    stats: snapshotStats(steady(start, score, status), start, start + 48 * HOUR),
    episodes, requests, costUsd: cost,
    requestsByDay: new Map([[start, requests / 2], [start + 24 * HOUR, requests / 2]]),
  };
}

const svc = (slug: string, bu: string, tier: string, current: PeriodInput, previous: PeriodInput): ServiceInput => ({
  slug, name: slug, businessUnit: bu, riskTier: tier, thresholds: { warning: 80, critical: 60 }, current, previous,
});

describe("traffic weighting", () => {
  test.each([
    // (90·3000 + 60·1000) / 4000 = 82.5
    [[{ score: 90, requests: 3000 }, { score: 60, requests: 1000 }], 82.5],
    // a service without a score weighs nothing, whatever its traffic
    [[{ score: 90, requests: 1000 }, { score: null, requests: 9000 }], 90],
    // no traffic anywhere: plain mean (70 + 50) / 2
    [[{ score: 70, requests: 0 }, { score: 50, requests: 0 }], 60],
    [[{ score: null, requests: 5 }], null],
  ])("%j → %s", (entries, expected) => {
    expect(trafficWeighted(entries)).toBe(expected);
  });
});

describe("a two-service report, by risk tier", () => {
  const services = [
    // chat: 48 h at 90, 3000 requests, $6 ; previous period 48 h at 80, 2000 requests, $5
    svc("chat", "support", "high", input(from, 90, "healthy", 3000, 6), input(prevFrom, 80, "healthy", 2000, 5)),
    // legal: 48 h critical at 50, 1000 requests, $4, one critical episode acked after 6 min, resolved after 30
    svc("legal", "legal", "high",
      input(from, 50, "critical", 1000, 4, { ...noEpisodes, episodes: { warning: 0, critical: 1 }, ackMs: 6 * 60_000, acknowledged: 1, resolveMs: 30 * 60_000, resolved: 1 }),
      input(prevFrom, null, "no_data", 0, 0)),
  ];
  const report = buildReport({ generatedAt: now, period, previousPeriod: prev, groupBy: "risk_tier", services });
  const p = report.portfolio;

  test("portfolio figures, worked by hand", () => {
    expect(p.figures.score).toBe(80); // (90·3000 + 50·1000) / 4000
    expect(p.figures.lowestScore).toBe(50);
    expect(p.figures.lowestService).toBe("legal");
    expect(p.figures.statusMs).toEqual({ healthy: 48 * HOUR, warning: 0, critical: 48 * HOUR, no_data: 0 });
    expect(p.figures.episodes).toEqual({ warning: 0, critical: 1 });
    expect([p.figures.mttaMs, p.figures.mttrMs]).toEqual([6 * 60_000, 30 * 60_000]);
    expect([p.figures.requests, p.figures.costUsd, p.figures.costPer1kRequests]).toEqual([4000, 10, 2.5]);
  });

  test("change against the previous period", () => {
    // previous: only chat scored (80); shares: healthy ½ → ½, critical 0 → ½, no data ½ → 0
    expect(p.previous.score).toBe(80);
    expect(p.change.score).toBe(0);
    expect(p.change.statusShare).toEqual({ healthy: 0, warning: 0, critical: 0.5, no_data: -0.5 });
    expect(p.change.episodes).toEqual({ warning: 0, critical: 1 });
    expect(p.change.mttrMs).toBeNull(); // nothing resolved before: no change to state
    expect([p.change.requests, p.change.costUsd, p.change.costPer1kRequests]).toEqual([2000, 5, 0]);
  });

  test("one group, its services worst first, each with its status against its thresholds", () => {
    expect(report.groups.map((g) => [g.label, g.services.map((s) => [s.slug, s.status])])).toEqual([
      ["high risk", [["legal", "critical"], ["chat", "healthy"]]],
    ]);
  });

  test("daily points weigh each day by that day's traffic", () => {
    expect(report.daily).toEqual([
      { day: "2026-11-02T00:00:00.000Z", score: 80, lowest: 50, highest: 90 },
      { day: "2026-11-03T00:00:00.000Z", score: 80, lowest: 50, highest: 90 },
    ]);
  });

  test("grouping by both splits by business unit within the tier", () => {
    const both = buildReport({ generatedAt: now, period, previousPeriod: prev, groupBy: "both", services });
    expect(both.groups.map((g) => g.label)).toEqual(["legal · high risk", "support · high risk"]);
  });

  test("the CSV: one row per service, group and portfolio; service rows add up to the totals", () => {
    const lines = reportCsv(report).trimEnd().split("\r\n").map((l) => l.split(","));
    expect(lines[0]).toEqual([...CSV_COLUMNS]);
    expect(lines.map((l) => l[0])).toEqual(["level", "service", "service", "group", "portfolio"]);
    const col = (name: string) => CSV_COLUMNS.indexOf(name as (typeof CSV_COLUMNS)[number]);
    const services = lines.filter((l) => l[0] === "service");
    const total = lines.find((l) => l[0] === "portfolio")!;
    for (const name of ["requests", "cost_usd", "critical_hours", "critical_episodes"]) {
      expect(services.reduce((s, l) => s + Number(l[col(name)]), 0)).toBeCloseTo(Number(total[col(name)]), 6);
    }
    expect(total[col("score")]).toBe("80");
  });
});

test("combining nothing gives empty figures, and a change of equal figures is zero", () => {
  const empty = combineFigures([]);
  expect(empty).toMatchObject({ score: null, requests: 0, mttaMs: null, costPer1kRequests: null });
  const f = serviceFigures("x", input(from, 70, "warning", 10, 1), 48 * HOUR);
  expect(changeOf(f, f)).toMatchObject({ score: 0, requests: 0, costUsd: 0, statusShare: { warning: 0 } });
});

test("CSV cells that a spreadsheet would run as formulas are defused", () => {
  const services = [svc("=cmd", "=HYPERLINK(1)", "low", input(from, 70, "warning", 10, 1), input(prevFrom, 70, "warning", 10, 1))];
  const csv = reportCsv(buildReport({ generatedAt: now, period, previousPeriod: prev, groupBy: "business_unit", services }));
  expect(csv).toContain(",'=cmd,");
  expect(csv).not.toMatch(/,=/);
});
