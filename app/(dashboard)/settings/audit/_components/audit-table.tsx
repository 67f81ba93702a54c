import { showValue } from "@/components/config/diff-table.tsx";
import { formatTime } from "@/components/ui/format.ts";
import { EmptyState } from "@/components/ui/states.tsx";
import { TableHead } from "@/components/ui/table-head.tsx";
import type { AuditRow } from "@/lib/services/audit/list-audit.ts";
import { auditChanges } from "../_lib/audit-filters.ts";

/** Audit rows, newest first; each row's before/after opens in place, showing only what changed. */
export function AuditTable({ rows }: { rows: AuditRow[] }) {
  if (rows.length === 0) return <EmptyState title="No audit rows match">Change or clear the filters.</EmptyState>;
  return (
    <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white p-4">
      <table className="w-full text-left min-w-[48rem] text-sm" data-testid="audit-table">
        <TableHead columns={[{ label: "Time" }, { label: "Actor" }, { label: "Action" }, { label: "Target" }, { label: "Changes" }, { label: "Hash" }]} />
        <tbody>
          {rows.map((r) => {
            const changes = auditChanges(r.before, r.after);
            return (
              <tr key={r.id} className="border-t border-slate-100 align-top" data-testid="audit-row" data-action={r.action}>
                <td className="py-2 pr-3 whitespace-nowrap">{formatTime(r.at, true)}</td>
                <td className="py-2 pr-3 break-all">{r.actorLabel}</td>
                <td className="py-2 pr-3 font-mono text-xs">{r.action}</td>
                <td className="py-2 pr-3 text-xs break-all">{r.targetType} <span className="text-slate-600">{r.targetId}</span></td>
                <td className="py-2 pr-3">
                  {changes.length === 0 ? <span className="text-slate-600">no change</span> : (
                    <details>
                      <summary className="cursor-pointer text-blue-700">{changes.length} field{changes.length === 1 ? "" : "s"}</summary>
                      <dl className="mt-1 grid grid-cols-[max-content_1fr] gap-x-3 gap-y-1 font-mono text-xs">
                        {changes.map((c) => (
                          <div key={c.path} className="contents">
                            <dt className="text-slate-600">{c.path}</dt>
                            <dd className="break-all">{showValue(c.before)} → <strong>{showValue(c.after)}</strong></dd>
                          </div>
                        ))}
                      </dl>
                    </details>
                  )}
                </td>
                <td className="py-2 font-mono text-xs" title={r.hash}>{r.hash.slice(0, 10)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
