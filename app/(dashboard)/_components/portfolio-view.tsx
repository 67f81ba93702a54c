"use client";

import { useQueries, useQuery, type UseQueryResult } from "@tanstack/react-query";
import Link from "next/link";
import { useMemo, useState } from "react";
import { Sparkline } from "@/components/charts/sparkline.tsx";
import { formatScore, formatTime } from "@/components/ui/format.ts";
import { RiskTierBadge } from "@/components/ui/risk-tier-badge.tsx";
import { ErrorState, Skeleton } from "@/components/ui/states.tsx";
import { STATUS_ORDER, StatusBadge, statusLabel } from "@/components/ui/status-badge.tsx";
import type { HealthStatus } from "@/lib/domain/score/score.ts";
import type { PortfolioEntry, PortfolioHealth } from "@/lib/services/health/get-portfolio-health.ts";
import type { ScoreTimeseries } from "@/lib/services/health/get-score-timeseries.ts";
import { fetchJson, REFRESH_MS, replaceQuery } from "../_lib/fetch-json.ts";
import type { PortfolioViewData } from "../_lib/load-portfolio.ts";
import { visibleServices, type PortfolioFilter } from "../_lib/portfolio-rows.ts";
import { PortfolioFilters } from "./portfolio-filters.tsx";

/** Sparklines move by the hour: refreshed every 5 minutes, not with the 30-second scores. */
const SPARK_REFRESH_MS = 5 * 60_000;

export function PortfolioView({ initial, initialFilter }: { initial: PortfolioViewData; initialFilter: PortfolioFilter }) {
  const [filter, setFilter] = useState(initialFilter);
  const portfolio = useQuery({
    queryKey: ["portfolio"],
    queryFn: ({ signal }) => fetchJson<PortfolioHealth>("/api/portfolio", signal),
    initialData: initial.portfolio,
    initialDataUpdatedAt: Date.parse(initial.portfolio.at),
    refetchInterval: REFRESH_MS,
  });
  const services = portfolio.data.services;
  const series = useQueries({
    queries: services.map((s) => ({
      queryKey: ["spark", s.slug],
      queryFn: ({ signal }: { signal: AbortSignal }) => fetchJson<ScoreTimeseries>(`/api/services/${encodeURIComponent(s.slug)}/timeseries?step=1h`, signal),
      refetchInterval: SPARK_REFRESH_MS,
    })),
  });
  const bySlug = new Map(services.map((s, i) => [s.slug, series[i]]));

  const update = (next: PortfolioFilter) => {
    setFilter(next);
    replaceQuery({ q: next.q, bu: next.businessUnit, tier: next.riskTier, provider: next.provider, status: next.status });
  };

  const counts = useMemo(() => {
    const out: Record<HealthStatus, number> = { critical: 0, warning: 0, no_data: 0, healthy: 0 };
    for (const s of services) out[s.status] += 1;
    return out;
  }, [services]);

  const visible = visibleServices(services, filter, initial.providers);
  const openTotal = services.reduce((n, s) => n + s.openAlerts.critical + s.openAlerts.warning, 0);

  return (
    <div className="space-y-4">
      <section aria-label="Services per status" className="flex flex-wrap items-center gap-2">
        {STATUS_ORDER.map((status) => (
          <button
            key={status}
            type="button"
            aria-pressed={filter.status === status}
            onClick={() => update({ ...filter, status: filter.status === status ? "" : status })}
            className={`rounded-lg border bg-white px-3 py-2 text-left text-sm hover:bg-slate-50 ${filter.status === status ? "border-slate-900 ring-1 ring-slate-900" : "border-slate-200"}`}
            data-testid={`count-${status}`}
          >
            <span className="block text-2xl font-semibold tabular-nums">{counts[status]}</span>
            <StatusBadge status={status} />
          </button>
        ))}
        <p className="ml-auto text-xs text-slate-600" aria-live="polite">
          {portfolio.isFetching ? "Refreshing…" : `Scores at ${formatTime(portfolio.data.at)} · refresh every 30 s`}
          <br />
          <Link href="/alerts" className="text-blue-700 underline" data-testid="portfolio-open-alerts">
            {openTotal === 1 ? "1 open alert" : `${openTotal} open alerts`}
          </Link>
        </p>
      </section>

      <PortfolioFilters services={services} providers={initial.providers} filter={filter} onChange={update} />

      {portfolio.isError && <ErrorState message={`Scores could not refresh: ${portfolio.error.message} The figures below are from the last successful load.`} onRetry={() => void portfolio.refetch()} />}

      {visible.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-sm text-slate-600">
          {services.length === 0 ? "No services yet. An admin adds services in Settings; the demo seed adds a sample portfolio on first start." : "No service matches these filters."}
        </div>
      ) : (
        <ul className="space-y-2" aria-label="Services, worst first" data-testid="service-table">
          {visible.map((s) => (
            <ServiceRow key={s.slug} entry={s} series={bySlug.get(s.slug)} />
          ))}
        </ul>
      )}
    </div>
  );
}

function ServiceRow({ entry, series }: { entry: PortfolioEntry; series: UseQueryResult<ScoreTimeseries> | undefined }) {
  const loser = entry.topComponent;
  const spark = (series?.data?.points ?? []).map((p) => ({ t: Date.parse(p.at), score: p.score }));
  const scored = spark.filter((p) => p.score !== null);
  const trend = !series?.data
    ? series?.isError ? "24-hour trend could not load" : "Loading the 24-hour trend"
    : scored.length > 1 ? `24-hour trend from ${formatScore(scored[0]!.score)} to ${formatScore(scored.at(-1)!.score)}` : "No 24-hour trend: too little traffic";
  return (
    <li data-testid="service-row" data-slug={entry.slug} className="grid grid-cols-[auto_1fr] items-center gap-x-4 gap-y-2 rounded-lg border border-slate-200 bg-white p-3 sm:grid-cols-[5rem_1fr_auto_14rem]">
      <div className="row-span-2 text-center sm:row-span-1">
        <span className="block text-3xl font-semibold tabular-nums" aria-label={`Score ${formatScore(entry.score)} of 100`}>{formatScore(entry.score)}</span>
        <StatusBadge status={entry.status} />
      </div>
      <div className="min-w-0">
        <Link href={`/services/${entry.slug}`} className="font-medium text-blue-700 hover:underline">
          {entry.name}
        </Link>
        <p className="mt-0.5 flex flex-wrap items-center gap-2 text-xs text-slate-600">
          <span>{entry.businessUnit}</span>
          <RiskTierBadge tier={entry.riskTier} />
          <span>{entry.events.toLocaleString("en")} events / {entry.window}</span>
          <OpenAlerts counts={entry.openAlerts} />
        </p>
      </div>
      <div className="flex items-center gap-2">
        {series?.data ? (
          <Sparkline points={spark} />
        ) : series?.isError ? (
          <button type="button" onClick={() => void series.refetch()} className="h-8 w-[120px] rounded border border-slate-300 text-xs hover:bg-slate-100">
            Retry trend
          </button>
        ) : (
          <Skeleton className="h-8 w-[120px]" />
        )}
        <span className="sr-only">{trend}</span>
      </div>
      <p className="text-xs text-slate-700 sm:text-right" data-testid="top-loser">
        {loser ? (
          <>
            Most points lost: <span className="font-mono">{loser.metric}</span> <span className="tabular-nums">(−{loser.pointsLost.toFixed(1)})</span>
          </>
        ) : entry.status === "no_data" ? (
          `${statusLabel(entry.status)}: not enough traffic in the window`
        ) : (
          "No component is losing points"
        )}
      </p>
    </li>
  );
}

/**
 * The service's open alerts as text (count and worst severity); nothing to click, so the row's one link stays the
 * service page (the header's count links to /alerts).
 */
function OpenAlerts({ counts }: { counts: PortfolioEntry["openAlerts"] }) {
  const total = counts.critical + counts.warning;
  if (total === 0) return <span data-testid="open-alerts" data-count={0}>No open alerts</span>;
  const worst = counts.critical > 0 ? "critical" : "warning";
  return (
    <span
      data-testid="open-alerts"
      data-count={total}
      data-worst={worst}
      className={`rounded border px-1.5 py-0.5 font-medium ${worst === "critical" ? "border-critical/40 bg-critical-soft text-critical" : "border-warning/40 bg-warning-soft text-warning"}`}
    >
      <span aria-hidden="true">{worst === "critical" ? "■" : "▲"}</span> {total} open {total === 1 ? "alert" : "alerts"}, worst {worst}
    </span>
  );
}
