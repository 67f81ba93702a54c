import { getDb } from "@/lib/db/client.ts";
import { claimDelivery, findDueDeliveries, pruneDeliveries } from "@/lib/db/deliveries.ts";
import { SEND_TIMEOUT_MS } from "@/lib/integrations/send.ts";
import { deliver } from "./deliver.ts";

// The outbox worker: sends what enqueue-notifications.ts queued, with retries (see deliver.ts and
// lib/integrations/retry-policy.ts). Safe with several workers: each delivery is claimed by a guarded update
// before it is sent, so on PostgreSQL two replicas never send the same row at the same time.

/** How long a claim holds: longer than a send can take, so a crashed worker's claim lapses and the row is retried. */
export const CLAIM_MS = SEND_TIMEOUT_MS * 6;
export const RETENTION_MS = 30 * 24 * 60 * 60_000;

export interface OutboxOptions {
  limit?: number;
  fetchImpl?: typeof fetch;
  random?: () => number;
}

export async function processOutbox(now: Date, opts: OutboxOptions = {}): Promise<{ sent: number; retried: number; failed: number }> {
  const db = await getDb();
  const tally = { sent: 0, retried: 0, failed: 0 };
  const due = await findDueDeliveries(db, now, opts.limit ?? 50);
  for (const d of due) {
    if (!(await claimDelivery(db, d, new Date(now.getTime() + CLAIM_MS)))) continue; // another worker has it
    const { outcome } = await deliver(d, now, opts);
    if (outcome !== "cancelled") tally[outcome] += 1;
  }
  return tally;
}

/**
 * Runs processOutbox every `intervalMs` (and prunes the delivery log once an hour). A tick never overlaps the
 * previous one: a slow endpoint delays the next tick instead of stacking sends. Errors are logged, never
 * thrown: the loop lives as long as the process. Returns a stop function.
 */
export function startOutboxLoop({ intervalMs, fetchImpl }: { intervalMs: number; fetchImpl?: typeof fetch }): () => void {
  let running = false;
  let stopped = false;
  let lastPrune = 0;
  const tick = async () => {
    if (running || stopped) return;
    running = true;
    try {
      const now = new Date();
      await processOutbox(now, { fetchImpl });
      if (now.getTime() - lastPrune >= 60 * 60_000) {
        lastPrune = now.getTime();
        await pruneDeliveries(await getDb(), new Date(now.getTime() - RETENTION_MS));
      }
    } catch (error) {
      console.error("[outbox]", error);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref?.();
  void tick();
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
