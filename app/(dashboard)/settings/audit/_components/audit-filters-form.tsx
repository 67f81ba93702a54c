import Link from "next/link";
import type { AuditFilters } from "../_lib/audit-filters.ts";

const input = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";
const local = (d: Date | undefined) => (d ? d.toISOString().slice(0, 16) : "");

/** A plain GET form: submitting it puts the filters in the URL, without any script. */
export function AuditFiltersForm({ filters }: { filters: AuditFilters }) {
  const fields = [
    { name: "actor", label: "Actor (email or key)", value: filters.actor ?? "", placeholder: "owner@vitals.local" },
    { name: "action", label: "Action starts with", value: filters.action ?? "", placeholder: "config." },
    { name: "targetType", label: "Target type", value: filters.targetType ?? "", placeholder: "config_version" },
    { name: "targetId", label: "Target id", value: filters.targetId ?? "", placeholder: "" },
  ];
  return (
    <form method="get" action="/settings/audit" className="mb-4 grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-4" aria-label="Filter the audit log">
      {fields.map((f) => (
        <div key={f.name} className="flex flex-col gap-1 text-sm">
          <label htmlFor={`audit-${f.name}`} className="font-medium">{f.label}</label>
          <input id={`audit-${f.name}`} name={f.name} defaultValue={f.value} placeholder={f.placeholder} className={input} />
        </div>
      ))}
      <div className="flex flex-col gap-1 text-sm">
        <label htmlFor="audit-from" className="font-medium">From (UTC)</label>
        <input id="audit-from" name="from" type="datetime-local" defaultValue={local(filters.from)} className={input} />
      </div>
      <div className="flex flex-col gap-1 text-sm">
        <label htmlFor="audit-to" className="font-medium">To (UTC)</label>
        <input id="audit-to" name="to" type="datetime-local" defaultValue={local(filters.to)} className={input} />
      </div>
      <div className="flex items-end gap-2 sm:col-span-2">
        <button type="submit" className="rounded-md bg-slate-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-700">Filter</button>
        <Link href="/settings/audit" className="rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100">Clear</Link>
      </div>
    </form>
  );
}
