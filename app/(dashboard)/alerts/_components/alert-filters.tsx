"use client";

import { DEFAULT_LIST_STATE, isFiltered, type ListState } from "../_lib/list-state.ts";

const FIELD = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";

type Option = [value: string, label: string];
const STATES: Option[] = [["open", "Open (pending or firing)"], ["firing", "Firing"], ["pending", "Pending"], ["resolved", "Resolved"], ["all", "All, cancelled included"]];
const SEVERITIES: Option[] = [["", "Any"], ["critical", "Critical"], ["warning", "Warning"]];
const SHADOW: Option[] = [["include", "Shown, marked"], ["exclude", "Hidden"], ["only", "Only shadow"]];
const RANGES: Option[] = [["any", "Any time"], ["24h", "Last 24 h"], ["7d", "Last 7 days"], ["30d", "Last 30 days"]];

export function AlertFilters({ state, services, onChange }: { state: ListState; services: { slug: string; name: string }[]; onChange: (next: ListState) => void }) {
  const select = (label: string, key: Exclude<keyof ListState, "page">, options: Option[]) => (
    <label className="flex flex-col text-xs text-slate-600">
      {label}
      <select className={FIELD} value={state[key]} onChange={(e) => onChange({ ...state, [key]: e.target.value, page: 1 })}>
        {options.map(([value, text]) => (
          <option key={value} value={value}>{text}</option>
        ))}
      </select>
    </label>
  );
  return (
    <form role="search" aria-label="Filter alerts" className="flex flex-wrap items-end gap-3" onSubmit={(e) => e.preventDefault()}>
      {select("State", "state", STATES)}
      {select("Severity", "severity", SEVERITIES)}
      {select("Service", "service", [["", "All services"], ...services.map((s): Option => [s.slug, s.name])])}
      {select("Shadow alerts", "shadow", SHADOW)}
      {select("Open during", "range", RANGES)}
      {(isFiltered(state) || state.state !== "open") && (
        <button type="button" className="rounded-md px-2 py-1.5 text-sm text-blue-700 underline" onClick={() => onChange(DEFAULT_LIST_STATE)}>
          Clear filters
        </button>
      )}
    </form>
  );
}
