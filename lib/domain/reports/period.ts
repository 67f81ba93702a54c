import type { Period, PeriodKind } from "./types.ts";

// Calendar periods in UTC: a week starts on Monday 00:00, a month on the 1st, a quarter in Jan/Apr/Jul/Oct.
// A period that has not ended runs to `now` ("so far"), and its comparison period is cut to the same elapsed
// length, so a half-month is compared with the first half of the month before, not with a whole month.

export const DAY_MS = 86_400_000;
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const SHORT = MONTHS.map((m) => m.slice(0, 3));

export type PeriodRequest =
  | { kind: Exclude<PeriodKind, "custom">; /** any instant inside the period */ at: number }
  | { kind: "custom"; from: number; to: number };

export class PeriodError extends Error {}

/** The calendar bounds [start, end) of the week, month or quarter containing `at`. */
export function calendarBounds(kind: Exclude<PeriodKind, "custom">, at: number): { start: number; end: number } {
  const d = new Date(at);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  if (kind === "week") {
    const midnight = Date.UTC(y, m, d.getUTCDate());
    const start = midnight - ((d.getUTCDay() + 6) % 7) * DAY_MS; // getUTCDay: Sunday 0 → 6 days after Monday
    return { start, end: start + 7 * DAY_MS };
  }
  const span = kind === "month" ? 1 : 3;
  const first = m - (m % span);
  return { start: Date.UTC(y, first, 1), end: Date.UTC(y, first + span, 1) };
}

const dayLabel = (t: number) => {
  const d = new Date(t);
  return `${d.getUTCDate()} ${SHORT[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
};

function labelOf(kind: PeriodKind, start: number, end: number): string {
  const d = new Date(start);
  switch (kind) {
    case "week":
      return `Week of ${dayLabel(start)}`;
    case "month":
      return `${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
    case "quarter":
      return `Q${Math.floor(d.getUTCMonth() / 3) + 1} ${d.getUTCFullYear()}`;
    case "custom":
      return `${dayLabel(start)} – ${dayLabel(end - 1)}`;
  }
}

function period(kind: PeriodKind, start: number, end: number, now: number): Period {
  const to = Math.min(end, now);
  return { kind, from: new Date(start).toISOString(), to: new Date(to).toISOString(), end: new Date(end).toISOString(), label: labelOf(kind, start, end), soFar: to < end };
}

/** The period asked for, as of `now`; a period that starts at or after `now` has nothing to report. */
export function resolvePeriod(req: PeriodRequest, now: number): Period {
  const { start, end } = req.kind === "custom" ? { start: req.from, end: req.to } : calendarBounds(req.kind, req.at);
  if (start >= end) throw new PeriodError("The period must end after it starts.");
  if (start >= now) throw new PeriodError(`The period starts at ${new Date(start).toISOString()}, which is not in the past yet.`);
  return period(req.kind, start, end, now);
}

/** The period before: the previous calendar period (or the span just before a custom one), cut to the same elapsed length. */
export function previousPeriod(current: Period, now: number): Period {
  const from = Date.parse(current.from);
  const elapsed = Date.parse(current.to) - from;
  if (current.kind === "custom") {
    const length = Date.parse(current.end) - from;
    return { ...period("custom", from - length, from, now), to: new Date(from - length + elapsed).toISOString() };
  }
  const { start, end } = calendarBounds(current.kind, from - 1);
  const cut = Math.min(end, start + elapsed);
  return { ...period(current.kind, start, end, now), to: new Date(cut).toISOString(), soFar: cut < end };
}

/** The UTC days [day, day + 1 day) that intersect [from, to), as day starts in ms. */
export function daysOf(from: number, to: number): number[] {
  const days: number[] = [];
  for (let day = Math.floor(from / DAY_MS) * DAY_MS; day < to; day += DAY_MS) days.push(day);
  return days;
}
