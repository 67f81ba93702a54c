"use client";

import Link from "next/link";
import { useState } from "react";
import { formatCount, formatDuration, formatUsd } from "@/components/reports/format.ts";
import { formatScore } from "@/components/ui/format.ts";
import { StatusBadge } from "@/components/ui/status-badge.tsx";
import type { GroupReport, Period, ServiceReport } from "@/lib/domain/reports/types.ts";
import { serviceHref } from "../_lib/report-search.ts";
import { Change } from "./change.tsx";

// The services of one group, sortable by any figure (worst score first by default). Sorting is a header button,
// so it is keyboard reachable, and the header's aria-sort tells screen readers the order.

type Key = "name" | "score" | "critical" | "episodes" | "mttr" | "requests" | "cost" | "costPer1k";
const VALUE: Record<Key, (s: ServiceReport) => number | string | null> = {
  name: (s) => s.name,
  score: (s) => s.figures.score,
  critical: (s) => s.figures.statusMs.critical,
  episodes: (s) => s.figures.episodes.critical + s.figures.episodes.warning,
  mttr: (s) => s.figures.mttrMs,
  requests: (s) => s.figures.requests,
  cost: (s) => s.figures.costUsd,
  costPer1k: (s) => s.figures.costPer1kRequests,
};
const HEADERS: { key: Key; label: string }[] = [
  { key: "name", label: "Service" }, { key: "score", label: "Score" }, { key: "critical", label: "Critical time" },
  { key: "episodes", label: "Episodes" }, { key: "mttr", label: "MTTR" }, { key: "requests", label: "Requests" },
  { key: "cost", label: "Cost" }, { key: "costPer1k", label: "Cost / 1k req" },
];

/** Missing values sort last whichever the direction. */
function compare(a: number | string | null, b: number | string | null, dir: 1 | -1): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return (typeof a === "string" ? a.localeCompare(b as string) : a - (b as number)) * dir;
}

const score1 = (x: number) => x.toFixed(1);

export function ServicesTable({ group, period }: { group: GroupReport; period: Period }) {
  const [sort, setSort] = useState<{ key: Key; dir: 1 | -1 }>({ key: "score", dir: 1 });
  const rows = [...group.services].sort((a, b) => compare(VALUE[sort.key](a), VALUE[sort.key](b), sort.dir));
  const headingId = `services-${group.key.replace(/[^a-z0-9]+/gi, "-")}`;
  const cell = "py-2 pr-3 text-right tabular-nums align-top";
  return (
    <section aria-labelledby={headingId} className="rounded-lg border border-slate-200 bg-white p-4" data-testid="services-table" data-group={group.label}>
      <h2 id={headingId} className="mb-2 text-base font-semibold">{group.label}: services</h2>
      <div className="relative overflow-x-auto">
        <table className="w-full min-w-[48rem] text-sm">
          <thead className="text-xs uppercase tracking-wide text-slate-600">
            <tr>
              {HEADERS.map((h, i) => {
                const active = sort.key === h.key;
                return (
                  <th key={h.key} scope="col" aria-sort={active ? (sort.dir === 1 ? "ascending" : "descending") : "none"} className={`py-2 pr-3 ${i === 0 ? "text-left" : "text-right"}`}>
                    <button type="button" className="uppercase hover:underline" onClick={() => setSort({ key: h.key, dir: active ? (sort.dir === 1 ? -1 : 1) : 1 })}>
                      {h.label}
                      <span aria-hidden="true">{active ? (sort.dir === 1 ? " ↑" : " ↓") : ""}</span>
                    </button>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {rows.map((s) => (
              <tr key={s.slug} className="border-t border-slate-100" data-testid="service-row" data-slug={s.slug}>
                <th scope="row" className="py-2 pr-3 text-left align-top font-medium">
                  <Link href={serviceHref(s.slug, period.from, period.to)} className="text-blue-700 underline">{s.name}</Link>
                  <div className="mt-0.5"><StatusBadge status={s.status} /></div>
                </th>
                <td className={cell}>{formatScore(s.figures.score)}<div><Change delta={s.change.score} format={score1} better="up" /></div></td>
                <td className={cell} data-testid="critical-time">{formatDuration(s.figures.statusMs.critical)}</td>
                <td className={cell} data-testid="episodes">{s.figures.episodes.critical} crit / {s.figures.episodes.warning} warn{s.figures.openAtEnd > 0 ? ` (${s.figures.openAtEnd} open)` : ""}</td>
                <td className={cell}>{formatDuration(s.figures.mttrMs)}</td>
                <td className={cell}>{formatCount(s.figures.requests)}</td>
                <td className={cell}>{formatUsd(s.figures.costUsd)}</td>
                <td className={cell}>{formatUsd(s.figures.costPer1kRequests)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
