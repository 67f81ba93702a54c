import { eventLabel } from "@/components/alerts/alert-format.ts";
import { LocalTime } from "@/components/alerts/local-time.tsx";
import type { AlertEventView } from "@/lib/db/alert-queries.ts";

// A glyph per kind of step (decoration: the label says it in words). Only glyphs the system fonts carry: no emoji.
const GLYPH: Record<string, string> = {
  pending: "◔", firing: "■", resolved: "✓", cancelled: "○", notified: "→", delivery_failed: "×",
  acknowledged: "●", resolved_by_hand: "✓", mitigation_applied: "⇄", mitigation_acknowledged: "●", mitigation_overridden: "↺",
};

/** The parts of an event's JSON detail worth a sentence: score, channel, status, note. */
function describeDetail(detail: Record<string, unknown>): string {
  const parts: string[] = [];
  if (typeof detail.score === "number") parts.push(`score ${detail.score.toFixed(1)}`);
  if (detail.score === null) parts.push("no data");
  if (typeof detail.threshold === "number") parts.push(`threshold ${detail.threshold}`);
  if (typeof detail.channel === "string") parts.push(`via ${detail.channel}`);
  if (typeof detail.status === "number") parts.push(`HTTP ${detail.status}`);
  if (typeof detail.error === "string") parts.push(detail.error);
  if (typeof detail.note === "string") parts.push(`“${detail.note}”`);
  return parts.join(" · ");
}

export function AlertTimeline({ events }: { events: AlertEventView[] }) {
  return (
    <section aria-labelledby="timeline-title" className="rounded-lg border border-slate-200 bg-white p-4" data-testid="alert-timeline">
      <h2 id="timeline-title" className="mb-3 text-base font-semibold">Timeline</h2>
      {events.length === 0 ? (
        <p className="text-sm text-slate-600">No steps recorded yet.</p>
      ) : (
        <ol className="space-y-2">
          {events.map((e) => {
            const detail = describeDetail(e.detail);
            return (
              <li key={e.id} className="grid grid-cols-[1.5rem_1fr] gap-x-2 text-sm" data-testid="timeline-event" data-kind={e.kind}>
                <span aria-hidden="true" className="text-center text-slate-500">{GLYPH[e.kind] ?? "•"}</span>
                <div>
                  <span className="font-medium">{eventLabel(e.kind)}</span>
                  {e.actor !== "evaluator" && <span className="text-slate-700"> · by {e.actor}</span>}
                  {detail && <span className="text-slate-700"> · {detail}</span>}
                  <span className="block text-xs text-slate-600"><LocalTime at={e.at} /></span>
                </div>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
