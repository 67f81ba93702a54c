import { hostname } from "node:os";
import type { Db } from "./client.ts";

// A lease in the database makes one process the leader of a background job (the evaluator): several replicas
// on PostgreSQL, or a server and a `vitals worker` on one SQLite file, never evaluate the same minute twice.
// Both statements are single-row and atomic: the guarded update takes a free or expired lease (or renews our
// own); when no row exists yet, the primary key lets exactly one create win.

/** Takes or renews the lease; true when `holder` now holds it until now + ttlMs. */
export async function acquireLease(db: Db, name: string, holder: string, now: Date, ttlMs: number): Promise<boolean> {
  const expiresAt = new Date(now.getTime() + ttlMs);
  const taken = await db.lease.updateMany({
    where: { name, OR: [{ holder }, { expiresAt: { lte: now } }] },
    data: { holder, expiresAt },
  });
  if (taken.count === 1) return true;
  if (await db.lease.findUnique({ where: { name }, select: { name: true } })) return false;
  try {
    await db.lease.create({ data: { name, holder, expiresAt } });
    return true;
  } catch {
    return false; // another process created it first
  }
}

/** Gives the lease up at once (on shutdown), so a standby takes over without waiting for it to expire. */
export async function releaseLease(db: Db, name: string, holder: string, now: Date): Promise<void> {
  await db.lease.updateMany({ where: { name, holder }, data: { expiresAt: now } });
}

/** A process-unique lease holder: host, pid and a random suffix (two workers on one host stay distinct). */
export function leaseHolder(): string {
  return `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
}
