"use client";

import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { formatMetric, formatTime } from "@/components/ui/format.ts";
import { ErrorState, LoadingBlock } from "@/components/ui/states.tsx";
import type { EventView } from "@/lib/services/events/get-event.ts";
import { fetchJson } from "../../../_lib/fetch-json.ts";

/** Everything stored about one event, in a modal dialog (Escape or the button closes it; focus returns). */
export function EventDetailDialog({ slug, eventId, storesPrompts, onClose }: { slug: string; eventId: string; storesPrompts: boolean; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const query = useQuery({
    queryKey: ["event", slug, eventId],
    queryFn: ({ signal }) => fetchJson<EventView>(`/api/services/${encodeURIComponent(slug)}/events/${encodeURIComponent(eventId)}`, signal),
    staleTime: Infinity,
  });
  useEffect(() => {
    const dialog = ref.current;
    // No close() on unmount: removing an open modal from the document takes it out of the top layer, and
    // close() would fire onClose a second time.
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  return (
    <dialog
      ref={ref}
      aria-labelledby="event-detail-title"
      onClose={onClose}
      className="m-0 ml-auto h-full max-h-none w-full max-w-2xl overflow-y-auto bg-white p-0 shadow-xl backdrop:bg-slate-900/40"
      data-testid="event-detail"
    >
      <div className="sticky top-0 flex items-center justify-between gap-2 border-b border-slate-200 bg-white px-4 py-3">
        <h2 id="event-detail-title" className="truncate text-base font-semibold">Event <span className="font-mono text-sm">{eventId}</span></h2>
        <button type="button" onClick={() => ref.current?.close()} className="rounded-md border border-slate-300 px-3 py-1 text-sm hover:bg-slate-100">
          Close
        </button>
      </div>
      <div className="space-y-4 p-4 text-sm">
        {query.isError && <ErrorState message={query.error.message} onRetry={() => void query.refetch()} />}
        {query.isPending && <LoadingBlock label="Loading the event" className="h-64" />}
        {query.data && <EventBody view={query.data} storesPrompts={storesPrompts} />}
      </div>
    </dialog>
  );
}

function EventBody({ view, storesPrompts }: { view: EventView; storesPrompts: boolean }) {
  const e = view.event;
  const fields: [string, string][] = [
    ["Time", formatTime(e.timestamp, true)],
    ["Received", formatTime(e.receivedAt, true)],
    ["Status", e.status === "error" ? `error${e.errorType ? ` (${e.errorType})` : ""}` : "ok"],
    ["Provider", e.provider ?? "—"],
    ["Model", e.model ?? "—"],
    ["Variant", e.variant ?? "—"],
    ["Latency", formatMetric(e.latencyMs, "ms")],
    ["Time to first token", formatMetric(e.ttftMs, "ms")],
    ["Input tokens", e.inputTokens?.toLocaleString("en") ?? "—"],
    ["Output tokens", e.outputTokens?.toLocaleString("en") ?? "—"],
    ["Cost", formatMetric(e.costUsd, "usd")],
  ];
  return (
    <>
      <dl className="grid grid-cols-2 gap-x-4 gap-y-2">
        {fields.map(([label, value]) => (
          <div key={label}>
            <dt className="text-xs text-slate-600">{label}</dt>
            <dd className="font-medium">{value}</dd>
          </div>
        ))}
      </dl>
      <Record title="Segments" value={e.segments} />
      <Record title="Evals" value={e.evals} />
      <Record title="Feedback" value={e.feedback} />
      <Record title="Outcomes" value={e.outcomes} />
      <Record title="Retrieval" value={e.retrieval} />
      <Record title="Attributes" value={e.attributes} />
      <section aria-label="Prompt and response" data-testid="prompt-section">
        {view.promptsWithheld === "not-allowed" ? (
          <p className="text-slate-600">Prompts and responses are not shown to your role.</p>
        ) : view.promptsWithheld === "not-stored" || !storesPrompts ? (
          <p className="text-slate-600">This service keeps no prompts or responses (its privacy setting), so there is nothing to show.</p>
        ) : (
          <>
            <Text title="Prompt" text={e.prompt} />
            <Text title="Response" text={e.response} />
          </>
        )}
      </section>
    </>
  );
}

function Record({ title, value }: { title: string; value: Record<string, unknown> }) {
  const entries = Object.entries(value);
  return (
    <div>
      <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-600">{title}</h3>
      {entries.length === 0 ? (
        <p className="text-slate-600">None</p>
      ) : (
        <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 font-mono text-xs">
          {entries.map(([k, v]) => (
            <div key={k} className="contents">
              <dt className="text-slate-600">{k}</dt>
              <dd className="break-all">{typeof v === "string" ? v : JSON.stringify(v)}</dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  );
}

function Text({ title, text }: { title: string; text: string | null }) {
  return (
    <div className="mt-2">
      <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-600">{title}</h3>
      {text === null ? <p className="text-slate-600">Not recorded for this event.</p> : <pre className="mt-1 whitespace-pre-wrap break-words rounded bg-slate-50 p-2 text-xs" data-testid={`event-${title.toLowerCase()}`}>{text}</pre>}
    </div>
  );
}
