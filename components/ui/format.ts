import type { MetricUnit } from "@/lib/domain/score/catalog.ts";

// Display formats, pure and shared by tables, tooltips and axes. Times are UTC and built by hand rather than
// with toLocaleString: the server renders the first view and the browser hydrates it, and their ICU data may
// spell a month differently ("Sep" / "Sept"), which would make the two disagree.

export function formatMetric(value: number | null, unit: MetricUnit): string {
  if (value === null || !Number.isFinite(value)) return "—";
  switch (unit) {
    case "ms":
      return value >= 10_000 ? `${(value / 1000).toFixed(1)} s` : `${Math.round(value).toLocaleString("en")} ms`;
    case "ratio":
      return `${(value * 100).toFixed(value < 0.1 ? 2 : 1)} %`;
    case "usd":
      return value < 1 ? `$${value.toFixed(4)}` : `$${value.toFixed(2)}`;
    case "rpm":
      return `${value.toFixed(1)} /min`;
    case "tokens":
      return `${Math.round(value).toLocaleString("en")} tokens`;
    default:
      return value.toFixed(3);
  }
}

export function formatScore(score: number | null): string {
  return score === null ? "—" : score.toFixed(0);
}

export function formatPercent(share: number): string {
  return `${(share * 100).toFixed(share < 0.1 ? 1 : 0)} %`;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const two = (n: number) => String(n).padStart(2, "0");

/** "23:04" (UTC). */
export function clockUtc(t: string | number): string {
  const d = new Date(t);
  return `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
}

/** "26 Nov" (UTC). */
export function dayUtc(t: string | number): string {
  const d = new Date(t);
  return `${two(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]}`;
}

/** "23:04:05 UTC", or with the date "26 Nov 23:04 UTC". */
export function formatTime(t: string | number, withDate = false): string {
  const d = new Date(t);
  return withDate ? `${dayUtc(t)} ${clockUtc(t)} UTC` : `${clockUtc(t)}:${two(d.getUTCSeconds())} UTC`;
}
