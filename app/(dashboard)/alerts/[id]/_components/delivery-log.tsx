import { LocalTime } from "@/components/alerts/local-time.tsx";
import { TableHead } from "@/components/ui/table-head.tsx";
import type { DeliveryView } from "@/lib/db/alert-queries.ts";

const COLUMNS = [{ label: "Channel" }, { label: "Message" }, { label: "State" }, { label: "Attempts", align: "right" as const }, { label: "Last answer" }, { label: "Sent" }];

const STATE_TEXT: Record<string, string> = { pending: "Queued", sent: "Sent", failed: "Gave up", cancelled: "Cancelled" };

export function DeliveryLog({ deliveries, shadow }: { deliveries: DeliveryView[]; shadow: boolean }) {
  return (
    <section aria-labelledby="deliveries-title" className="rounded-lg border border-slate-200 bg-white p-4" data-testid="delivery-log">
      <h2 id="deliveries-title" className="mb-3 text-base font-semibold">Notifications</h2>
      {deliveries.length === 0 ? (
        <p className="text-sm text-slate-600">
          {shadow ? "None: shadow alerts are never delivered." : "None sent for this episode: no channel is routed for it, or it has not fired yet."}
        </p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full min-w-[40rem] text-left text-sm">
            <caption className="sr-only">Notifications sent for this alert, oldest first</caption>
            <TableHead columns={COLUMNS} />
            <tbody>
              {deliveries.map((d) => (
                <tr key={d.id} className="border-t border-slate-100 align-top" data-testid="delivery-row">
                  <td className="py-2 pr-3">{d.channel} <span className="text-xs text-slate-600">({d.channelKind})</span></td>
                  <td className="py-2 pr-3">{d.kind}</td>
                  <td className="py-2 pr-3">{STATE_TEXT[d.state] ?? d.state}</td>
                  <td className="py-2 pr-3 text-right tabular-nums">{d.attempts}</td>
                  <td className="py-2 pr-3">
                    {d.lastStatus !== null ? `HTTP ${d.lastStatus}` : "—"}
                    {d.lastError && <span className="block max-w-xs break-words text-xs text-critical">{d.lastError}</span>}
                  </td>
                  <td className="py-2">{d.sentAt ? <LocalTime at={d.sentAt} /> : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
