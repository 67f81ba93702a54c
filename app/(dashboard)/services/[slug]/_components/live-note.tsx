import { formatTime } from "@/components/ui/format.ts";

/** Whether the view refreshes, and when it last did; announced politely so screen readers are not flooded. */
export function LiveNote({ live, fetching, updatedAt }: { live: boolean; fetching: boolean; updatedAt: number }) {
  return (
    <p className="text-xs text-slate-600" aria-live="polite" data-testid="live-note">
      {live ? (
        <>
          <span className="font-medium text-slate-800">Live</span> · {fetching ? "refreshing…" : `updated ${formatTime(updatedAt)}`} · refreshes every 30 s
        </>
      ) : (
        "Fixed time range: not refreshing"
      )}
    </p>
  );
}
