import Link from "next/link";
import { formatTime } from "@/components/ui/format.ts";
import { TableHead, type Column } from "@/components/ui/table-head.tsx";
import type { DeliveryLogEntry } from "@/lib/db/deliveries.ts";
import type { ChannelView } from "@/lib/services/channels/channel-view.ts";
import { ChannelControls } from "./channel-controls.tsx";

/** ChannelView as it crosses to the browser: dates as ISO strings. */
type Serialized<T> = { [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K] };
export type ChannelRow = Omit<Serialized<ChannelView>, "deliveries"> & { deliveries: Serialized<DeliveryLogEntry>[] };

const COLUMNS: readonly Column[] = [
  { label: "Name" },
  { label: "Kind" },
  { label: "Target" },
  { label: "State" },
  { label: "Failures in a row", align: "right" },
  { label: "Last deliveries" },
  { label: "Actions", hidden: true },
];

/** The one line that says where a channel sends: its URL, plus the masked key or secret. */
function target(c: ChannelRow): string {
  if (!c.config) return "Stored config is not valid — edit the channel";
  const parts = [String(c.config.url ?? "")];
  if (typeof c.config.routingKey === "string") parts.push(`key ${c.config.routingKey}`);
  if (typeof c.config.secret === "string") parts.push(`secret ${c.config.secret}`);
  if (typeof c.config.action === "string") parts.push(`${c.config.action} ${JSON.stringify(c.config.params ?? {})}`);
  return parts.join(" · ");
}

const STATE_STYLE: Record<string, string> = {
  sent: "text-healthy",
  failed: "text-critical",
  pending: "text-warning",
  cancelled: "text-slate-500",
};

function Deliveries({ rows }: { rows: ChannelRow["deliveries"] }) {
  if (rows.length === 0) return <span className="text-slate-500">None yet</span>;
  return (
    <ul className="space-y-0.5 text-xs">
      {rows.map((d) => (
        <li key={d.id}>
          <time dateTime={d.createdAt}>{formatTime(d.createdAt, true)}</time> · {d.kind} ·{" "}
          <span className={`font-medium ${STATE_STYLE[d.state] ?? ""}`}>{d.state}</span>
          {d.lastStatus !== null && ` · HTTP ${d.lastStatus}`}
          {d.state === "pending" && d.attempts > 0 && ` · retry ${formatTime(d.nextAttemptAt, true)}`}
          {d.lastError && d.state !== "sent" && <span className="block text-slate-500">{d.lastError}</span>}
        </li>
      ))}
    </ul>
  );
}

export function ChannelTable({ channels }: { channels: ChannelRow[] }) {
  if (channels.length === 0) {
    return (
      <div role="status" className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-sm text-slate-600">
        <p className="font-medium text-slate-800">No channels yet</p>
        <p className="mt-1">Add one above, then name it in a score config&apos;s alert routes.</p>
      </div>
    );
  }
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white px-4">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Notification channels with their last deliveries</caption>
        <TableHead columns={COLUMNS} />
        <tbody className="divide-y divide-slate-100">
          {channels.map((c) => (
            <tr key={c.id} data-testid={`channel-row-${c.name}`} className="align-top">
              <td className="py-3 pr-3 font-medium">
                <Link href={`/settings/channels?edit=${c.id}`} className="text-blue-700 hover:underline" aria-label={`Edit ${c.name}`}>
                  {c.name}
                </Link>
              </td>
              <td className="py-3 pr-3">{c.kind}</td>
              <td className="max-w-xs break-all py-3 pr-3 font-mono text-xs">{target(c)}</td>
              <td className="py-3 pr-3">
                {c.enabled ? (
                  <span className="rounded border border-healthy/40 bg-healthy-soft px-1.5 py-0.5 text-xs font-medium text-healthy">Enabled</span>
                ) : (
                  <>
                    <span className="rounded border border-critical/40 bg-critical-soft px-1.5 py-0.5 text-xs font-medium text-critical">Disabled</span>
                    {c.disabledReason && <p className="mt-1 text-xs text-slate-600">{c.disabledReason}</p>}
                  </>
                )}
              </td>
              <td className="py-3 pr-3 text-right tabular-nums">{c.consecutiveFailures}</td>
              <td className="py-3 pr-3">
                <Deliveries rows={c.deliveries} />
              </td>
              <td className="py-3 pr-3 text-right">
                <ChannelControls id={c.id} name={c.name} enabled={c.enabled} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
