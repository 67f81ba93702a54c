"use client";

import { useState } from "react";
import type { PeriodKind } from "@/lib/domain/reports/types.ts";

// The period fields of a plain GET form (the reports' period: week, month, quarter or custom days). They work
// before hydration and without JavaScript (the page ignores empty fields); once hydrated only the fields of the
// period kind picked are shown. Shared by the reports and the vendor view.

export const FIELD = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";
export const LABEL = "flex flex-col gap-1 text-xs text-slate-600";
const day = (ms: number | undefined) => (ms === undefined ? "" : new Date(ms).toISOString().slice(0, 10));

export interface PeriodValue {
  period: PeriodKind;
  date?: number;
  from?: number;
  to?: number;
}

export function PeriodFields({ query }: { query: PeriodValue }) {
  const [period, setPeriod] = useState(query.period);
  const custom = period === "custom";
  const dates: { name: "date" | "from" | "to"; label: string; show: boolean }[] = [
    { name: "date", label: "Containing the day (UTC)", show: !custom },
    { name: "from", label: "From (UTC, first day)", show: custom },
    { name: "to", label: "To (UTC, day after the last)", show: custom },
  ];
  return (
    <>
      <label className={LABEL}>
        Period
        <select name="period" className={FIELD} value={period} onChange={(e) => setPeriod(e.target.value as PeriodKind)}>
          <option value="week">Week (from Monday)</option>
          <option value="month">Month</option>
          <option value="quarter">Quarter</option>
          <option value="custom">Custom</option>
        </select>
      </label>
      {dates.map((d) => (
        <label key={d.name} className={LABEL} hidden={!d.show}>
          {d.label}
          <input type="date" name={d.name} className={FIELD} defaultValue={day(query[d.name])} disabled={!d.show} required={custom && d.name !== "date"} />
        </label>
      ))}
    </>
  );
}
