"use client";

import type { UseQueryResult } from "@tanstack/react-query";
import type { ReactNode } from "react";
import Link from "next/link";
import { AlertStateBadge, SeverityBadge, ShadowTag, severityLabel } from "@/components/alerts/alert-badges.tsx";
import { describeDuration, formatAlertScore } from "@/components/alerts/alert-format.ts";
import { LocalTime } from "@/components/alerts/local-time.tsx";
import type { AlertSummary } from "@/lib/db/alert-queries.ts";
import type { AlertList } from "@/lib/services/alerts/list-alerts.ts";
import { AlertActionButtons } from "../../../alerts/_components/alert-action-buttons.tsx";
import { Section } from "./section.tsx";

const RECENT = 5;

/** Open episodes first (with Acknowledge and Resolve for roles that may), then the range's latest closed ones. */
export function AlertsPanel({ slug, open, episodes, canAck, canResolve }: {
  slug: string; open: UseQueryResult<AlertList>; episodes: UseQueryResult<AlertList>; canAck: boolean; canResolve: boolean;
}) {
  const closed = (episodes.data?.alerts ?? []).filter((a) => a.state === "resolved").slice(-RECENT).reverse();
  const all = `/alerts?${new URLSearchParams({ service: slug, state: "all" }).toString()}`;
  return (
    <Section title="Alerts" id="service-alerts" query={open} skeletonClass="h-24" actions={<Link href={all} className="text-sm text-blue-700 underline">All alerts of this service</Link>}>
      {(list) => (
        <div className="space-y-4">
          {list.alerts.length === 0 ? (
            <p className="text-sm text-slate-700" data-testid="no-open-alerts">No open alerts: the score is within its thresholds.</p>
          ) : (
            <ul className="space-y-2" aria-label="Open alerts">
              {list.alerts.map((a) => (
                <AlertItem key={a.id} alert={a} now={Date.parse(list.at)}>
                  <AlertActionButtons alert={a} canAck={canAck} canResolve={canResolve} label={`${severityLabel(a.severity).toLowerCase()} alert`} />
                </AlertItem>
              ))}
            </ul>
          )}
          <div>
            <h3 className="mb-1 text-sm font-medium text-slate-800">Recently resolved in this range</h3>
            {closed.length === 0 ? (
              <p className="text-sm text-slate-600">{episodes.isError ? "Past episodes could not load." : episodes.data ? "None." : "Loading…"}</p>
            ) : (
              <ul className="space-y-1" aria-label="Recently resolved alerts">
                {closed.map((a) => <AlertItem key={a.id} alert={a} now={Date.parse(episodes.data!.at)} />)}
              </ul>
            )}
          </div>
        </div>
      )}
    </Section>
  );
}

function AlertItem({ alert: a, now, children }: { alert: AlertSummary; now: number; children?: ReactNode }) {
  return (
    <li className="flex flex-wrap items-center gap-x-3 gap-y-1 rounded-md border border-slate-100 px-2 py-1.5 text-sm" data-testid="service-alert" data-alert-id={a.id} data-state={a.state}>
      <SeverityBadge severity={a.severity} />
      <AlertStateBadge state={a.state} acknowledged={a.acknowledgedAt !== null} />
      {a.shadow && <ShadowTag />}
      <span className="text-slate-700">
        since <LocalTime at={a.pendingSince} /> · {describeDuration(a, now)} · worst score {formatAlertScore(a.worstScore)}
        {a.acknowledgedBy && ` · Acknowledged by ${a.acknowledgedBy.name}`}
      </span>
      <Link href={`/alerts/${a.id}`} className="text-blue-700 underline">
        Details<span className="sr-only"> of this {severityLabel(a.severity).toLowerCase()} alert</span>
      </Link>
      {children && <div className="w-full sm:ml-auto sm:w-auto">{children}</div>}
    </li>
  );
}
