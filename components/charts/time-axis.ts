import { clockUtc, dayUtc, formatTime } from "@/components/ui/format.ts";

// Tick labels of a time axis in UTC (the server renders the first view; UTC keeps server and browser equal).
export function timeTick(spanMs: number): (t: number) => string {
  return spanMs > 36 * 3_600_000 ? dayUtc : clockUtc;
}

export function tooltipTime(t: unknown): string {
  return typeof t === "number" ? formatTime(t, true) : "";
}
