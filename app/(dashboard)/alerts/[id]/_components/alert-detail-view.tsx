"use client";

import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import Link from "next/link";
import { AlertStateBadge, SeverityBadge, ShadowTag, severityLabel } from "@/components/alerts/alert-badges.tsx";
import { describeDuration, formatAlertScore } from "@/components/alerts/alert-format.ts";
import { LocalTime } from "@/components/alerts/local-time.tsx";
import { ErrorState } from "@/components/ui/states.tsx";
import type { AlertDetail } from "@/lib/db/alert-queries.ts";
import { fetchJson, REFRESH_MS } from "../../../_lib/fetch-json.ts";
import { AlertActionButtons } from "../../_components/alert-action-buttons.tsx";
import { episodeLink } from "../../_lib/episode-link.ts";
import { AlertTimeline } from "./alert-timeline.tsx";
import { DeliveryLog } from "./delivery-log.tsx";
import { MitigationPanel } from "./mitigation-panel.tsx";

interface Props {
  initial: AlertDetail;
  /** When the server read the alert (ISO): durations count to it until the first refresh. */
  now: string;
  canAck: boolean;
  canResolve: boolean;
}

export function AlertDetailView({ initial, now, canAck, canResolve }: Props) {
  const query = useQuery({
    queryKey: ["alert", initial.id],
    queryFn: ({ signal }) => fetchJson<AlertDetail>(`/api/alerts/${encodeURIComponent(initial.id)}`, signal),
    initialData: initial,
    initialDataUpdatedAt: Date.parse(now),
    refetchInterval: REFRESH_MS,
  });
  const a = query.data;
  const at = query.dataUpdatedAt || Date.parse(now);
  const label = `${severityLabel(a.severity).toLowerCase()} alert on ${a.service.name}`;
  const handResolved = a.state === "resolved" && a.resolvedBy !== null;

  return (
    <div className="space-y-6">
      <header className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" data-testid="alert-header">
        <div className="flex flex-wrap items-center gap-2">
          <h1 className="text-2xl font-semibold tracking-tight">{severityLabel(a.severity)} alert: {a.service.name}</h1>
          <SeverityBadge severity={a.severity} />
          <AlertStateBadge state={a.state} acknowledged={a.acknowledgedAt !== null} />
          {a.shadow && <ShadowTag />}
        </div>
        <dl className="grid grid-cols-1 gap-x-6 gap-y-1 text-sm sm:grid-cols-2 lg:grid-cols-4">
          <Item term="Began (pending)"><LocalTime at={a.pendingSince} /></Item>
          <Item term="Fired">{a.firingSince ? <LocalTime at={a.firingSince} /> : "Not yet"}</Item>
          <Item term="Duration">{describeDuration(a, at)}</Item>
          <Item term="Score at last step / worst">{formatAlertScore(a.score)} / {formatAlertScore(a.worstScore)}</Item>
          <Item term="Acknowledged">
            <span data-testid="acknowledged-by">{a.acknowledgedBy ? `Acknowledged by ${a.acknowledgedBy.name}` : "Not acknowledged"}</span>
            {a.acknowledgedAt && <> · <LocalTime at={a.acknowledgedAt} /></>}
          </Item>
          <Item term="Resolved">
            {a.resolvedAt ? <><LocalTime at={a.resolvedAt} />{handResolved ? ` by ${a.resolvedBy!.name}` : a.state === "resolved" ? " (score recovered)" : ""}</> : "Still open"}
          </Item>
          <Item term="Alert key"><span className="font-mono text-xs">{a.alertKey}</span></Item>
          <Item term="Service">
            <Link href={episodeLink(a.service.slug, a, at)} className="text-blue-700 underline">{a.service.name}: score during this episode</Link>
          </Item>
        </dl>
        {a.shadow && <p className="text-xs text-slate-600">Raised by a shadow config on trial: it is shown here but never sent to a channel.</p>}
        {handResolved && <p className="text-xs text-slate-600">Resolved by hand. If the score was still below the threshold, the evaluator has opened a new episode since.</p>}
        <AlertActionButtons alert={a} canAck={canAck} canResolve={canResolve} label={label} />
      </header>
      {query.isError && <ErrorState title="This alert could not refresh" message={`${query.error.message} What you see is from the last successful load.`} onRetry={() => void query.refetch()} />}
      <MitigationPanel alertId={a.id} mitigation={a.mitigation} canDecide={canAck} />
      <AlertTimeline events={a.events} />
      <DeliveryLog deliveries={a.deliveries} shadow={a.shadow} />
    </div>
  );
}

function Item({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div>
      <dt className="text-xs text-slate-600">{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}
