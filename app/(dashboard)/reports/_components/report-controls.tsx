import { FIELD, LABEL, PeriodFields } from "@/components/ui/period-fields.tsx";
import type { ReportQuery } from "@/lib/schemas/reports.ts";

// A plain GET form: it works before hydration and without JavaScript (empty fields are ignored by the page);
// the period fields show only those of the period kind picked once hydrated.

export function ReportControls({ query }: { query: ReportQuery }) {
  return (
    <form method="get" action="/reports" aria-label="Report period and grouping" className="flex flex-wrap items-end gap-3">
      <PeriodFields query={query} />
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
