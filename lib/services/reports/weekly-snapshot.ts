import { getDb } from "@/lib/db/client.ts";
import { DEFAULT_WEEKLY_SCHEDULE, lastDueAt, parseWeeklySchedule, weekKeptAt, weeklyDedupKey, type WeeklySchedule } from "@/lib/domain/reports/weekly-schedule.ts";
import type { GroupBy } from "@/lib/domain/reports/types.ts";
import { startLeasedLoop } from "../leased-loop.ts";
import { getReport } from "./get-report.ts";
import { defaultTitle } from "./save-snapshot.ts";
import { insertSnapshot, snapshotExists } from "./snapshot-store.ts";
import { isUniqueViolation } from "@/lib/db/client.ts";

// The weekly report snapshot (DESIGN.md §9): at the scheduled instant (VITALS_WEEKLY_SNAPSHOT, UTC) the report of
// the week that has just ended is stored, by whichever process holds the "weekly-snapshot" lease. The dedup key
// names the week, so a restart, a second process or a missed lease renewal never stores a week twice; a process
// that starts after a missed due instant takes the latest due week then (older missed weeks are not back-filled).

export const WEEKLY_ACTOR = "system:weekly-snapshot";
const GROUP_BY: GroupBy = "business_unit";
const CHECK_EVERY_MS = 5 * 60_000;
const LEASE_MS = 10 * 60_000;

export type WeeklyOutcome = { taken: true; id: string; dedupKey: string } | { taken: false; dedupKey: string };


/** Stores the week due at or before `now` unless it is already stored. */
export async function takeWeeklySnapshot(schedule: WeeklySchedule, now: Date): Promise<WeeklyOutcome> {
  const weekStart = weekKeptAt(lastDueAt(schedule, now.getTime()));
  const dedupKey = weeklyDedupKey(weekStart, GROUP_BY);
  const db = await getDb();
  if (await snapshotExists(db, dedupKey)) return { taken: false, dedupKey };
  const date = weekStart; // any instant inside the week picks it
  const report = await getReport({ kind: "system", label: WEEKLY_ACTOR }, { period: "week", groupBy: GROUP_BY, date, format: "json" }, now);
  try {
    const saved = await insertSnapshot(db, { kind: "weekly", actorId: null, actorLabel: WEEKLY_ACTOR, title: `Weekly: ${defaultTitle(report)}`, report, dedupKey, now });
    return { taken: true, id: saved.id, dedupKey };
  } catch (error) {
    if (isUniqueViolation(error)) return { taken: false, dedupKey }; // another process stored it first
    throw error;
  }
}

/** Reads VITALS_WEEKLY_SNAPSHOT ("MON 00:00" when unset; "off" disables the job). */
export function weeklyScheduleFromEnv(): WeeklySchedule | null {
  return parseWeeklySchedule(process.env.VITALS_WEEKLY_SNAPSHOT || DEFAULT_WEEKLY_SCHEDULE);
}

/** For lib/services/background.ts: checks every 5 minutes (the first check 30 s after start: the catch-up). */
export function startWeeklySnapshotLoop(log: (line: string) => void): () => void {
  let schedule: WeeklySchedule | null;
  try {
    schedule = weeklyScheduleFromEnv();
  } catch (error) {
    log(`weekly snapshot: off: ${(error as Error).message}`);
    return () => undefined;
  }
  if (!schedule) return () => undefined;
  const due = schedule;
  return startLeasedLoop({
    lease: "weekly-snapshot", leaseMs: LEASE_MS, firstDelayMs: 30_000, intervalMs: CHECK_EVERY_MS, label: "weekly snapshot", log,
    work: async (now) => {
      const outcome = await takeWeeklySnapshot(due, now);
      if (outcome.taken) log(`weekly snapshot: stored ${outcome.dedupKey} as ${outcome.id}`);
    },
  });
}
