// Pure wording for alert episodes, shared by the list, the detail page and the service page.

/** "45 s", "12 min", "3 h 5 min", "2 d 4 h". */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 48) return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
  const d = Math.floor(h / 24);
  return h % 24 ? `${d} d ${h % 24} h` : `${d} d`;
}

export interface EpisodeTimes {
  state: string;
  pendingSince: string;
  firingSince: string | null;
  resolvedAt: string | null;
}

/** How long the episode has lasted (open) or lasted (over), from its first breach. */
export function episodeDuration(a: EpisodeTimes, now: number): number {
  return (a.resolvedAt ? Date.parse(a.resolvedAt) : now) - Date.parse(a.pendingSince);
}

/** "firing for 12 min", "pending for 2 min", "resolved after 1 h 5 min", "cancelled after 3 min". */
export function describeDuration(a: EpisodeTimes, now: number): string {
  const d = formatDuration(episodeDuration(a, now));
  if (a.state === "firing" || a.state === "pending") return `${a.state} for ${d}`;
  return `${a.state} after ${d}`;
}

const EVENT_LABELS: Record<string, string> = {
  pending: "Score breached the threshold: pending",
  firing: "Fired",
  resolved: "Resolved: the score recovered",
  cancelled: "Cancelled: recovered before firing",
  notified: "Notified",
  delivery_failed: "Notification failed",
  acknowledged: "Acknowledged",
  resolved_by_hand: "Resolved by hand",
  mitigation_applied: "Mitigation applied",
  mitigation_acknowledged: "Mitigation acknowledged",
  mitigation_overridden: "Mitigation overridden (revert sent)",
};

export function eventLabel(kind: string): string {
  return EVENT_LABELS[kind] ?? kind.replaceAll("_", " ");
}

/** The score with one decimal, or "no data". */
export function formatAlertScore(score: number | null): string {
  return score === null ? "no data" : score.toFixed(1);
}
