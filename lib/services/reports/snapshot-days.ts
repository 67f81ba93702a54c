import type { Db } from "@/lib/db/client.ts";
import { DAY_MS } from "@/lib/domain/reports/period.ts";
import { emptyStats, mergeStats, type SnapshotStats } from "@/lib/domain/reports/time-in-status.ts";
import { aggregateSnapshotDays } from "@/lib/db/report-snapshot-stats.ts";
import { readSnapshotDays, saveSnapshotDays, type StoredDay } from "@/lib/db/snapshot-days.ts";

// Settled days' snapshot figures: held in this process and stored in the database (SnapshotDay). A month of
// per-minute snapshots is 2.2 M rows for 50 services, and no database sums that in under a second (measured:
// 4–7 s). But a day's figures are final once the service has a snapshot at or after the day's end: the evaluator
// only ever appends snapshots after a service's latest one (evaluate-service.ts skips instants ≤ the last), and
// snapshots are never edited. So each finished day is summed once — by the hourly settling job or by the first
// report that needs it — and stored; a report reads stored days (one small query after a restart) and sums only
// the days still open (today) from the snapshots. Memory entries are keyed per database client, so switching
// databases (tests, benches) never mixes them.

const held = new WeakMap<Db, Map<string, SnapshotStats>>();
const keyOf = (serviceId: string, day: number) => `${serviceId}\u0000${day}`;

/** Drops every held day (the bench's cold runs). */
export function forgetSnapshotDays(): void {
  for (const db of heldClients) held.get(db)?.clear();
}
const heldClients = new Set<Db>();

/** Per service: what its snapshots say about [from, to), from held days where they are settled. */
export async function readSnapshotStats(db: Db, serviceIds: readonly string[], from: number, to: number): Promise<Map<string, SnapshotStats>> {
  let cache = held.get(db);
  if (!cache) {
    held.set(db, (cache = new Map()));
    heldClients.add(db);
  }
  const out = new Map(serviceIds.map((id) => [id, emptyStats()]));
  await loadStoredDays(db, cache, serviceIds, from, to);
  const settledUntil = await latestSnapshots(db, serviceIds);
  const settledNow: StoredDay[] = [];
  // Per service, the spans to read: runs of days not held. Services with the same runs are read together.
  const runs = new Map<string, { ids: string[]; spans: [number, number][] }>();
  for (const id of serviceIds) {
    const spans: [number, number][] = [];
    for (let day = Math.floor(from / DAY_MS) * DAY_MS; day < to; day += DAY_MS) {
      const a = Math.max(day, from);
      const b = Math.min(day + DAY_MS, to);
      const kept = cache.get(keyOf(id, day));
      if (kept && a === day && b === day + DAY_MS) {
        mergeStats(out.get(id)!, kept);
        continue;
      }
      const last = spans.at(-1);
      if (last && last[1] === a) last[1] = b;
      else spans.push([a, b]);
    }
    const signature = JSON.stringify(spans);
    const group = runs.get(signature) ?? { ids: [], spans };
    group.ids.push(id);
    runs.set(signature, group);
  }
  for (const { ids, spans } of runs.values()) {
    for (const [a, b] of spans) {
      const found = await aggregateSnapshotDays(db, ids, a, b);
      for (const id of ids) {
        const days = found.get(id)!;
        for (const stats of days.values()) mergeStats(out.get(id)!, stats);
        // Remember the whole days of this span that are settled, the empty ones too.
        for (let day = Math.ceil(a / DAY_MS) * DAY_MS; day + DAY_MS <= b; day += DAY_MS) {
          if (day + DAY_MS <= (settledUntil.get(id) ?? -Infinity)) {
            const stats = days.get(day) ?? emptyStats();
            cache.set(keyOf(id, day), stats);
            settledNow.push({ serviceId: id, day, stats });
          }
        }
      }
    }
  }
  await saveSnapshotDays(db, settledNow);
  return out;
}

/** Whole days of [from, to) not held in memory are looked up among the stored ones (one query), and held. */
async function loadStoredDays(db: Db, cache: Map<string, SnapshotStats>, serviceIds: readonly string[], from: number, to: number): Promise<void> {
  const first = Math.ceil(from / DAY_MS) * DAY_MS;
  let missing = false;
  for (let day = first; day + DAY_MS <= to && !missing; day += DAY_MS) missing = serviceIds.some((id) => !cache.has(keyOf(id, day)));
  if (!missing) return;
  for (const stored of await readSnapshotDays(db, serviceIds, first, to)) cache.set(keyOf(stored.serviceId, stored.day), stored.stats);
}

/** Each service's latest snapshot time (ms), one indexed lookup per service. */
async function latestSnapshots(db: Db, serviceIds: readonly string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const id of serviceIds) {
    const last = await db.scoreSnapshot.findFirst({ where: { serviceId: id }, orderBy: { at: "desc" }, select: { at: true } });
    if (last) out.set(id, last.at.getTime());
  }
  return out;
}
