"use client";

import { useState } from "react";
import type { ReportQuery } from "@/lib/schemas/reports.ts";

// A plain GET form: it works before hydration and without JavaScript (empty fields are ignored by the page);
// once hydrated it only shows the fields of the period kind picked.

const FIELD = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";
const LABEL = "flex flex-col gap-1 text-xs text-slate-600";
const day = (ms: number | undefined) => (ms === undefined ? "" : new Date(ms).toISOString().slice(0, 10));

export function ReportControls({ query }: { query: ReportQuery }) {
  const [period, setPeriod] = useState(query.period);
  const custom = period === "custom";
  return (
    <form method="get" action="/reports" aria-label="Report period and grouping" className="flex flex-wrap items-end gap-3">
      <label className={LABEL}>
        Period
        <select name="period" className={FIELD} value={period} onChange={(e) => setPeriod(e.target.value as ReportQuery["period"])}>
          <option value="week">Week (from Monday)</option>
          <option value="month">Month</option>
          <option value="quarter">Quarter</option>
          <option value="custom">Custom</option>
        </select>
      </label>
      <label className={LABEL} hidden={custom}>
        Containing the day (UTC)
        <input type="date" name="date" className={FIELD} defaultValue={day(query.date)} disabled={custom} />
      </label>
      <label className={LABEL} hidden={!custom}>
        From (UTC, first day)
        <input type="date" name="from" className={FIELD} defaultValue={day(query.from)} disabled={!custom} required={custom} />
      </label>
      <label className={LABEL} hidden={!custom}>
        To (UTC, day after the last)
        <input type="date" name="to" className={FIELD} defaultValue={day(query.to)} disabled={!custom} required={custom} />
      </label>
      <label className={LABEL}>
        Group by
        <select name="groupBy" className={FIELD} defaultValue={query.groupBy}>
          <option value="business_unit">Business unit</option>
          <option value="risk_tier">Risk tier</option>
          <option value="both">Business unit and risk tier</option>
        </select>
      </label>
      <button type="submit" className="rounded-md bg-slate-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-700">
        Show report
      </button>
    </form>
  );
}
