import { calendarBounds, DAY_MS } from "./period.ts";

// When the weekly report snapshot is due (VITALS_WEEKLY_SNAPSHOT, "MON 00:00" by default: a weekday and a
// 24-hour time, UTC). At each due instant the week to keep is the latest whole calendar week (Monday 00:00 to
// Monday 00:00) that ended by then, so "MON 00:00" keeps the week that has just ended and "WED 09:00" keeps the
// same week two days later, once late data has arrived.

const DAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"] as const;
const WEEK_MS = 7 * DAY_MS;

export interface WeeklySchedule {
  /** 0 = Sunday … 6 = Saturday, as Date#getUTCDay */
  weekday: number;
  /** minutes after midnight UTC */
  minute: number;
}

export const DEFAULT_WEEKLY_SCHEDULE = "MON 00:00";

/** Parses "MON 00:00" (case-insensitive); null for "off"; throws a message naming the expected format. */
export function parseWeeklySchedule(text: string): WeeklySchedule | null {
  const value = text.trim().toUpperCase();
  if (value === "OFF") return null;
  const match = /^([A-Z]{3})\s+(\d{2}):(\d{2})$/.exec(value);
  const weekday = match ? DAYS.indexOf(match[1] as (typeof DAYS)[number]) : -1;
  const hours = match ? Number(match[2]) : NaN;
  const minutes = match ? Number(match[3]) : NaN;
  if (weekday < 0 || !(hours <= 23) || !(minutes <= 59)) {
    throw new Error(`VITALS_WEEKLY_SNAPSHOT: expected "<day> <HH:MM>" in UTC with day one of ${DAYS.join(", ")} (like "MON 00:00"), or "off"; got "${text}".`);
  }
  return { weekday, minute: hours * 60 + minutes };
}

/** The latest due instant at or before `now`. */
export function lastDueAt(schedule: WeeklySchedule, now: number): number {
  const midnight = Math.floor(now / DAY_MS) * DAY_MS;
  const back = (new Date(now).getUTCDay() - schedule.weekday + 7) % 7;
  const candidate = midnight - back * DAY_MS + schedule.minute * 60_000;
  return candidate <= now ? candidate : candidate - WEEK_MS;
}

/** The start (Monday 00:00 UTC) of the week kept at `dueAt`: the last whole week that ended by then. */
export function weekKeptAt(dueAt: number): number {
  return calendarBounds("week", dueAt).start - WEEK_MS;
}

/** Names one weekly snapshot, so taking the same week twice (a restart, two processes) stores it once. */
export function weeklyDedupKey(weekStart: number, groupBy: string): string {
  return `weekly:${new Date(weekStart).toISOString()}:${groupBy}`;
}
