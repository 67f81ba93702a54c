"use client";

import type { UseQueryResult } from "@tanstack/react-query";
import { Fragment, useState } from "react";
import { MetricChart } from "@/components/charts/metric-chart.tsx";
import { formatMetric } from "@/components/ui/format.ts";
import type { MetricUnit } from "@/lib/domain/score/catalog.ts";
import type { HealthReport, ReportComponent } from "@/lib/domain/score/report.ts";
import type { ScoreTimeseries } from "@/lib/services/health/get-score-timeseries.ts";
import { TableHead } from "@/components/ui/table-head.tsx";
import { Section } from "./section.tsx";

const UNIT_LABEL: Record<MetricUnit, string> = { ms: "ms", ratio: "%", rpm: "per minute", usd: "USD", tokens: "tokens", value: "value", distance: "cosine distance", psi: "PSI" };

const COLUMNS = [
  { label: "Metric" }, { label: "Value", align: "right" }, { label: "Good / bad", align: "right" }, { label: "Normalised", align: "right" },
  { label: "Weight", align: "right" }, { label: "Points lost", align: "right" }, { label: "Chart", hidden: true },
] as const;

/** Most points lost first; components without data last. */
function byPointsLost(a: ReportComponent, b: ReportComponent): number {
  return (b.pointsLost ?? -1) - (a.pointsLost ?? -1);
}

export function ComponentsTable({
  health, timeseries, units, segment,
}: { health: UseQueryResult<HealthReport>; timeseries: UseQueryResult<ScoreTimeseries>; units: Record<string, MetricUnit>; segment: { dimension: string; value: string } | null }) {
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const toggle = (metric: string) => setOpen((prev) => {
    const next = new Set(prev);
    if (next.has(metric)) next.delete(metric);
    else next.add(metric);
    return next;
  });
  return (
    <Section title="What drags the score" id="components" query={health}>
      {(h) => (
        <div className="relative overflow-x-auto">
          <table className="w-full min-w-[36rem] text-left text-sm">
            <caption className="sr-only">Score components, most points lost first</caption>
            <TableHead columns={COLUMNS} />
            <tbody className="divide-y divide-slate-100">
              {[...h.components].sort(byPointsLost).map((c) => {
                const unit = units[c.metric] ?? "value";
                const fmt = (v: number | null) => formatMetric(v, unit);
                const isOpen = open.has(c.metric);
                const chartId = `chart-${c.metric.replace(/[^\w-]/g, "-")}`;
                return (
                  <Fragment key={c.metric}>
                    <tr data-testid="component-row" data-metric={c.metric}>
                      <th scope="row" className="py-2 pr-3 font-mono text-xs font-medium">{c.metric}</th>
                      <td className="whitespace-nowrap py-2 pr-3 text-right tabular-nums">{c.value === null ? `no data (${c.samples} samples)` : fmt(c.value)}</td>
                      <td className="whitespace-nowrap py-2 pr-3 text-right tabular-nums text-slate-600">{fmt(c.good)} / {fmt(c.bad)}</td>
                      <td className="whitespace-nowrap py-2 pr-3 text-right tabular-nums">{c.normalized === null ? "—" : c.normalized.toFixed(2)}</td>
                      <td className="whitespace-nowrap py-2 pr-3 text-right tabular-nums">{c.weight}</td>
                      <td className="py-2 pr-3 text-right font-semibold tabular-nums">{c.pointsLost === null ? "—" : c.pointsLost.toFixed(1)}</td>
                      <td className="py-2 text-right">
                        <button type="button" aria-expanded={isOpen} aria-controls={chartId} onClick={() => toggle(c.metric)} className="rounded-md border border-slate-300 px-2 py-1 text-xs hover:bg-slate-100">
                          {isOpen ? "Hide chart" : "Chart"}<span className="sr-only"> of {c.metric}</span>
                        </button>
                      </td>
                    </tr>
                    {isOpen && (
                      <tr id={chartId}>
                        <td colSpan={7} className="pb-4">
                          <ComponentChart metric={c.metric} good={c.good} bad={c.bad} unit={unit} series={timeseries} segment={segment} />
                        </td>
                      </tr>
                    )}
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
}

function ComponentChart({
  metric, good, bad, unit, series, segment,
}: { metric: string; good: number; bad: number; unit: MetricUnit; series: UseQueryResult<ScoreTimeseries>; segment: { dimension: string; value: string } | null }) {
  if (!series.data) return <p className="text-sm text-slate-600">{series.isError ? "The series could not load; retry above." : "Loading the series…"}</p>;
  const points = series.data.points.map((p) => ({ t: Date.parse(p.at), value: p.components.find((c) => c.metric === metric)?.value ?? null }));
  return (
    <div>
      <p className="mb-1 text-xs text-slate-600">
        {metric} over the selected range, {segment ? `${segment.dimension} ${segment.value} only` : "all traffic"}; each point is one {series.data.window} window.
      </p>
      <MetricChart points={points} good={good} bad={bad} unitLabel={UNIT_LABEL[unit]} format={(v) => formatMetric(v, unit)} />
    </div>
  );
}
