import type { EpisodeTimes } from "@/components/alerts/alert-format.ts";

// The service page keeps its range in the URL (services/[slug]/_lib/view-state.ts: range=1h|24h|7d|30d, or
// range=custom&from&to). A link to an episode opens the page on a range around it.

const MARGIN_MS = 30 * 60_000;
const PRESETS: [string, number][] = [["1h", 3_600_000], ["24h", 86_400_000], ["7d", 7 * 86_400_000], ["30d", 30 * 86_400_000]];

/**
 * An episode that is over: a fixed range from half an hour before it began to half an hour after it ended.
 * An open one: the smallest live preset that shows its start with some lead-in, so the page keeps refreshing.
 */
export function episodeLink(slug: string, a: EpisodeTimes, now: number): string {
  const base = `/services/${encodeURIComponent(slug)}`;
  const start = Date.parse(a.pendingSince) - MARGIN_MS;
  if (a.resolvedAt === null) {
    const preset = PRESETS.find(([, span]) => now - span <= start);
    if (preset) return preset[0] === "24h" ? base : `${base}?range=${preset[0]}`;
  }
  const end = a.resolvedAt === null ? now : Math.min(now, Date.parse(a.resolvedAt) + MARGIN_MS);
  const query = new URLSearchParams({ range: "custom", from: new Date(start).toISOString(), to: new Date(Math.max(end, start + 60_000)).toISOString() });
  return `${base}?${query.toString()}`;
}
