import Link from "next/link";
import type { ReactNode } from "react";
import { AlertStateBadge, SeverityBadge, ShadowTag, severityLabel } from "@/components/alerts/alert-badges.tsx";
import { describeDuration, formatAlertScore } from "@/components/alerts/alert-format.ts";
import { LocalTime } from "@/components/alerts/local-time.tsx";
import { TableHead } from "@/components/ui/table-head.tsx";
import type { AlertSummary } from "@/lib/db/alert-queries.ts";
import { AlertActionButtons } from "./alert-action-buttons.tsx";

const COLUMNS = [
  { label: "Alert" }, { label: "Severity" }, { label: "State" }, { label: "Began" }, { label: "Duration" },
  { label: "Score at last step / worst", align: "right" as const }, { label: "Acknowledged by" }, { label: "Actions", hidden: true },
];

/**
 * One row per episode; the first cell links to its page. Below the sm breakpoint each row becomes a card whose
 * cells carry their own visible labels (the header row is hidden there), so a phone never scrolls sideways.
 */
export function AlertsTable({ alerts, now, canAck, canResolve }: { alerts: AlertSummary[]; now: number; canAck: boolean; canResolve: boolean }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white px-3 sm:overflow-x-auto">
      <table className="w-full text-left text-sm max-sm:block sm:min-w-[56rem]" data-testid="alerts-table">
        <caption className="sr-only">Alert episodes, newest first</caption>
        <TableHead columns={COLUMNS} className="max-sm:hidden" />
        <tbody className="max-sm:block">
          {alerts.map((a) => {
            const label = `${severityLabel(a.severity).toLowerCase()} alert on ${a.service.name}`;
            return (
              <tr key={a.id} className="border-t border-slate-100 align-top max-sm:flex max-sm:flex-wrap max-sm:gap-x-4 max-sm:py-2" data-testid="alert-row" data-alert-id={a.id} data-service={a.service.slug}>
                <Cell className="max-sm:w-full">
                  <Link href={`/alerts/${a.id}`} className="font-medium text-blue-700 underline-offset-2 hover:underline" aria-label={`Open the ${label}`}>
                    {a.service.name}
                  </Link>
                  {a.shadow && <span className="ml-2"><ShadowTag /></span>}
                </Cell>
                <Cell><SeverityBadge severity={a.severity} /></Cell>
                <Cell><AlertStateBadge state={a.state} acknowledged={a.acknowledgedAt !== null} /></Cell>
                <Cell label="Began" className="whitespace-nowrap"><LocalTime at={a.pendingSince} /></Cell>
                <Cell label="Duration" className="whitespace-nowrap">{describeDuration(a, now)}</Cell>
                <Cell label="Score at last step / worst" className="tabular-nums sm:text-right">{formatAlertScore(a.score)} / {formatAlertScore(a.worstScore)}</Cell>
                <Cell label="Acknowledged by">{a.acknowledgedBy?.name ?? <span className="text-slate-500">—</span>}</Cell>
                <Cell className="max-sm:w-full"><AlertActionButtons alert={a} canAck={canAck} canResolve={canResolve} label={label} /></Cell>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** A cell; on a phone it flows inline with its label written out, since the header row is hidden there. */
function Cell({ label, className = "", children }: { label?: string; className?: string; children: ReactNode }) {
  return (
    <td className={`py-2 pr-3 max-sm:block max-sm:py-1 ${className}`}>
      {label && <span className="mr-1 text-xs text-slate-600 sm:hidden">{label}:</span>}
      {children}
    </td>
  );
}
