import { EmptyState } from "@/components/ui/states.tsx";
import { TableHead } from "@/components/ui/table-head.tsx";
import type { ConfigChange } from "@/lib/services/configs/types.ts";

// A proposal's changes against the active config, one row per path, with the kind written out (not colour).

const KIND = { added: "Added", removed: "Removed", changed: "Changed" } as const;

/** A value as the config file would show it: numbers and names bare, lists and mappings inline. */
export function showValue(value: unknown): string {
  if (value === undefined) return "—";
  if (typeof value === "string") return value;
  if (typeof value === "object" && value !== null) {
    const json = JSON.stringify(value);
    return json.replace(/"([^"]+)":/g, "$1: ").replace(/"/g, "").replace(/,/g, ", ");
  }
  return String(value);
}

export function DiffTable({ changes, against }: { changes: readonly ConfigChange[]; against: string }) {
  if (changes.length === 0) return <EmptyState title="No changes">This config scores exactly like {against}.</EmptyState>;
  return (
    <div className="relative overflow-x-auto">
      <table className="w-full text-left min-w-[36rem] text-sm" data-testid="diff">
        <TableHead columns={[{ label: "Setting" }, { label: "Change" }, { label: `Before (${against})` }, { label: "After" }]} />
        <tbody>
          {changes.map((c) => (
            <tr key={c.path} className="border-t border-slate-100 align-top" data-path={c.path} data-kind={c.kind}>
              <th scope="row" className="py-1.5 pr-3 text-left font-mono text-xs font-normal">{c.path}</th>
              <td className="py-1.5 pr-3">{KIND[c.kind]}</td>
              <td className="py-1.5 pr-3 font-mono text-xs break-all text-slate-700">{showValue(c.before)}</td>
              <td className="py-1.5 font-mono text-xs font-semibold break-all">{showValue(c.after)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
