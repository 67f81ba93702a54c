"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { formatMetric, formatTime } from "@/components/ui/format.ts";
import { EmptyState } from "@/components/ui/states.tsx";
import type { EventSummary } from "@/lib/db/event-queries.ts";
import type { EventFilter } from "@/lib/schemas/events-query.ts";
import type { EventPage } from "@/lib/services/events/list-events.ts";
import { fetchJson, queryString, REFRESH_MS } from "../../../_lib/fetch-json.ts";
import type { ServiceFirstView, ServiceFrame } from "../_lib/load-service-view.ts";
import { rangeBounds, scoreAt, type ViewState } from "../_lib/view-state.ts";
import { EventDetailDialog } from "./event-detail.tsx";
import { TableHead } from "@/components/ui/table-head.tsx";
import { Section } from "./section.tsx";

const FILTERS: { value: EventFilter; label: string }[] = [
  { value: "all", label: "All, newest first" },
  { value: "errors", label: "Errors" },
  { value: "slowest", label: "Slowest" },
  { value: "lowest_eval", label: "Lowest eval" },
  { value: "negative_feedback", label: "Negative feedback" },
];
const EVENT_SPAN_MS = 31 * 86_400_000;
const EVENT_COLUMNS = [
  { label: "Time" }, { label: "Provider · model" }, { label: "Latency", align: "right" }, { label: "Status" }, { label: "Eval" },
  { label: "Feedback" }, { label: "Details", hidden: true },
] as const;

type PageRef = { cursor: string; from: string; to: string };

function fetchEventPage(slug: string, state: ViewState, current: PageRef | null, signal: AbortSignal): Promise<EventPage> {
  const bounds = rangeBounds(state, Date.now());
  const from = current?.from ?? new Date(Math.max(bounds.from, bounds.to - EVENT_SPAN_MS)).toISOString();
  const to = current?.to ?? new Date(bounds.to).toISOString();
  const segment = state.segment ? `${state.segment.dimension}:${state.segment.value}` : undefined;
  return fetchJson<EventPage>(`/api/services/${encodeURIComponent(slug)}/events${queryString({ filter: state.filter, segment, from, to, cursor: current?.cursor })}`, signal);
}

export function EventExplorer(props: { slug: string; frame: ServiceFrame; state: ViewState; first: ServiceFirstView; onChange: (patch: Partial<ViewState>) => void }) {
  if (!props.frame.canReadEvents) {
    return (
      <section aria-labelledby="events-title" className="rounded-lg border border-slate-200 bg-white p-4" data-testid="events">
        <h2 id="events-title" className="text-base font-semibold">Events</h2>
        <p className="mt-2 text-sm text-slate-600" data-testid="events-restricted">
          Raw events, prompts and responses are visible to engineers and above. Your role reads scores, components and segments.
        </p>
      </section>
    );
  }
  const { state } = props;
  // A new filter, segment or range starts again at the first page.
  return <EventList key={`${state.filter}|${state.segment?.dimension}:${state.segment?.value}|${state.range}|${state.from}|${state.to}`} {...props} />;
}

function EventList({ slug, frame, state, first, onChange }: { slug: string; frame: ServiceFrame; state: ViewState; first: ServiceFirstView; onChange: (patch: Partial<ViewState>) => void }) {
  // Page 1 follows "now" for preset ranges; older pages freeze the bounds page 1 answered with, so a cursor
  // always continues the listing it came from.
  const [pages, setPages] = useState<PageRef[]>([]);
  const current = pages.at(-1) ?? null;
  const live = scoreAt(state) === null && current === null;
  const key = ["events", slug, state.filter, state.segment?.dimension, state.segment?.value, state.range, state.from, state.to, current?.cursor ?? null] as const;
  const firstKey = ["events", slug, first.state.filter, first.state.segment?.dimension, first.state.segment?.value, first.state.range, first.state.from, first.state.to, null];
  const query = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => fetchEventPage(slug, state, current, signal),
    initialData: JSON.stringify(key) === JSON.stringify(firstKey) && first.events ? first.events : undefined,
    initialDataUpdatedAt: Date.parse(first.now),
    refetchInterval: live ? REFRESH_MS : false,
    placeholderData: keepPreviousData,
  });

  const filters = (
    <div role="group" aria-label="Event filter" className="flex flex-wrap gap-1 text-sm">
      {FILTERS.map((f) => (
        <button
          key={f.value}
          type="button"
          aria-pressed={state.filter === f.value}
          onClick={() => onChange({ filter: f.value, event: null })}
          className={`rounded-md border px-2.5 py-1 ${state.filter === f.value ? "border-slate-900 bg-slate-900 text-white" : "border-slate-300 hover:bg-slate-100"}`}
        >
          {f.label}
        </button>
      ))}
    </div>
  );

  return (
    <Section title="Events" id="events" query={query} actions={filters}>
      {(page) => (
        <>
          <p className="mb-2 text-xs text-slate-600" data-testid="events-scope">
            {page.segment ? `${page.segment.dimension} = ${page.segment.value} · ` : "All traffic · "}
            {formatTime(page.from, true)} to {formatTime(page.to, true)}
            {page.eval && ` · sorted by eval "${page.eval}", lowest first`}
            {page.scan?.truncated && ` (among the newest ${page.scan.scanned.toLocaleString("en")} events that carry it)`}
            {page.segment && !["provider", "model", "variant"].includes(page.segment.dimension) && " · values folded into (other) by the rollups match no event"}
          </p>
          {page.events.length === 0 ? (
            <EmptyState title="No events match">No traffic in this range matches the filter{page.segment ? " and segment" : ""}.</EmptyState>
          ) : (
            <EventTable events={page.events} evalName={page.eval} onOpen={(eventId) => onChange({ event: eventId })} />
          )}
          <nav aria-label="Event pages" className="mt-3 flex items-center gap-2 text-sm">
            <button type="button" disabled={pages.length === 0} onClick={() => setPages((p) => p.slice(0, -1))} className="rounded-md border border-slate-300 px-3 py-1 disabled:opacity-50">
              Previous page
            </button>
            <span className="text-slate-600">Page {pages.length + 1}</span>
            <button
              type="button"
              disabled={page.nextCursor === null || query.isPlaceholderData}
              onClick={() => page.nextCursor && setPages((p) => [...p, { cursor: page.nextCursor!, from: page.from, to: page.to }])}
              className="rounded-md border border-slate-300 px-3 py-1 disabled:opacity-50"
            >
              Next page
            </button>
          </nav>
          {state.event && <EventDetailDialog slug={slug} eventId={state.event} storesPrompts={frame.service.storePrompts} onClose={() => onChange({ event: null })} />}
        </>
      )}
    </Section>
  );
}

function firstEval(e: EventSummary, name: string | null): string {
  const entries = Object.entries(e.evals);
  const found = name !== null ? entries.find(([k]) => k === name) : entries[0];
  if (!found) return "—";
  const [k, v] = found;
  return `${k} ${typeof v === "boolean" ? String(v) : v.toFixed(2)}`;
}

function feedbackText(e: EventSummary): string {
  const entries = Object.entries(e.feedback);
  if (entries.length === 0) return "—";
  return entries.map(([k, v]) => (k === "thumbs_up" ? (v ? "thumbs up" : "thumbs down") : `${k} ${v}`)).join(", ");
}

function EventTable({ events, evalName, onOpen }: { events: EventSummary[]; evalName: string | null; onOpen: (eventId: string) => void }) {
  return (
    <div className="relative overflow-x-auto">
      <table className="w-full min-w-[44rem] text-left text-sm">
        <caption className="sr-only">Events</caption>
        <TableHead columns={EVENT_COLUMNS} />
        <tbody className="divide-y divide-slate-100">
          {events.map((e) => (
            <tr key={e.eventId} data-testid="event-row" data-provider={e.provider ?? ""}>
              <td className="py-2 pr-3 whitespace-nowrap tabular-nums">{formatTime(e.timestamp, true)}</td>
              <td className="py-2 pr-3">{e.provider ?? "—"} · {e.model ?? "—"}</td>
              <td className="whitespace-nowrap py-2 pr-3 text-right tabular-nums" data-testid="event-latency" data-ms={e.latencyMs ?? ""}>{formatMetric(e.latencyMs, "ms")}</td>
              <td className="py-2 pr-3">{e.status === "error" ? <span className="font-medium text-critical">✕ error{e.errorType ? `: ${e.errorType}` : ""}</span> : "✓ ok"}</td>
              <td className="py-2 pr-3 tabular-nums">{firstEval(e, evalName)}</td>
              <td className="py-2 pr-3">{feedbackText(e)}</td>
              <td className="py-2 text-right">
                <button type="button" onClick={() => onOpen(e.eventId)} className="rounded-md border border-slate-300 px-2 py-1 text-xs hover:bg-slate-100">
                  Details<span className="sr-only"> of event {e.eventId}</span>
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
