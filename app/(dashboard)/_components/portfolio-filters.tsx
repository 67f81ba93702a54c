"use client";

import type { PortfolioEntry } from "@/lib/services/health/get-portfolio-health.ts";
import type { PortfolioFilter } from "../_lib/portfolio-rows.ts";

const uniq = (values: Iterable<string>) => [...new Set(values)].sort();
const FIELD = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";

export function PortfolioFilters({
  services, providers, filter, onChange,
}: { services: PortfolioEntry[]; providers: Record<string, string[]>; filter: PortfolioFilter; onChange: (next: PortfolioFilter) => void }) {
  const select = (label: string, key: "businessUnit" | "riskTier" | "provider", options: string[]) => (
    <label className="flex flex-col text-xs text-slate-600">
      {label}
      <select className={FIELD} value={filter[key]} onChange={(e) => onChange({ ...filter, [key]: e.target.value })}>
        <option value="">All</option>
        {options.map((o) => (
          <option key={o} value={o}>{o}</option>
        ))}
      </select>
    </label>
  );
  return (
    <form role="search" aria-label="Filter services" className="flex flex-wrap items-end gap-3" onSubmit={(e) => e.preventDefault()}>
      <label className="flex min-w-48 flex-1 flex-col text-xs text-slate-600">
        Search
        <input type="search" className={FIELD} placeholder="Service name or slug" value={filter.q} onChange={(e) => onChange({ ...filter, q: e.target.value })} />
      </label>
      {select("Business unit", "businessUnit", uniq(services.map((s) => s.businessUnit)))}
      {select("Risk tier", "riskTier", ["critical", "high", "medium", "low"].filter((t) => services.some((s) => s.riskTier === t)))}
      {select("Provider", "provider", uniq(Object.values(providers).flat()))}
      {(filter.q || filter.businessUnit || filter.riskTier || filter.provider || filter.status) && (
        <button type="button" className="rounded-md px-2 py-1.5 text-sm text-blue-700 underline" onClick={() => onChange({ q: "", businessUnit: "", riskTier: "", provider: "", status: "" })}>
          Clear filters
        </button>
      )}
    </form>
  );
}
