import { getDb } from "@/lib/db/client.ts";
import { acquireLease, leaseHolder } from "@/lib/db/lease.ts";

export interface LeasedLoop {
  /** the lease's name: one process in the deployment runs `work` at a time */
  lease: string;
  leaseMs: number;
  firstDelayMs: number;
  intervalMs: number;
  /** prefixes log lines, e.g. "retention" */
  label: string;
  log: (line: string) => void;
  work: (now: Date) => Promise<void>;
}

/**
 * Runs `work` every interval in whichever process holds the lease; a run still going skips the next tick, and a
 * failure is logged, never thrown (the next tick retries). Returns the stop function background.ts collects.
 */
export function startLeasedLoop(loop: LeasedLoop): () => void {
  const holder = leaseHolder();
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const now = new Date();
      if (await acquireLease(await getDb(), loop.lease, holder, now, loop.leaseMs)) await loop.work(now);
    } catch (error) {
      loop.log(`${loop.label}: failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      running = false;
    }
  };
  const first = setTimeout(() => void tick(), loop.firstDelayMs);
  const timer = setInterval(() => void tick(), loop.intervalMs);
  first.unref?.();
  timer.unref?.();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
