import { foldQueuedEvents, type FoldPendingResult } from "@/lib/db/events.ts";
import { checkpointHotPath } from "@/lib/db/hot-path/connection.ts";

// The aggregator (DESIGN.md §1, §2): ingest commits raw events and queues the new ones (PendingFold); this folds
// the queue into the rollups, batch by batch, each batch in one transaction that also deletes its queue rows — so
// every accepted event is folded exactly once, whatever crashes, and rollups trail ingest by about one interval.
// Any number of processes may run it on PostgreSQL: claimed rows are locked and skipped by the others.

/**
 * Events per transaction. Folding costs per touched rollup row (decode, merge, encode ≈ 260 µs) more than per
 * event, and the events of one transaction share rows, so bigger batches amortise more: at 2,000 the bench's
 * server kept ≈ 25 % of the baseline at 100 events a batch and fell behind on PostgreSQL (rollup lag 21 s after
 * the closed loops); at 10,000, 30 % and lag < 2 s on both databases. The price, on SQLite: the transaction holds
 * the write lock and, synchronous, this process's event loop for its whole length (up to ≈ 1 s with a backlog).
 */
const DEFAULT_LIMIT = 10_000;

export interface FoldPendingOptions {
  /** Decides the tiers a late event goes to (ingestTiers); the clock by default. */
  now?: Date;
  limit?: number;
}

/** Folds up to `limit` of the oldest queued events, in one transaction. */
export function foldPending(options: FoldPendingOptions = {}): Promise<FoldPendingResult> {
  return foldQueuedEvents(options.now ?? new Date(), options.limit ?? DEFAULT_LIMIT);
}

/** A service locked elsewhere (a rebuild's hour, feedback) keeps its events queued: try again after this. */
const LOCKED_RETRY_MS = 20;

/**
 * Folds until nothing is queued; returns how many events it folded. Events queued meanwhile are folded too, so
 * under steady ingest this returns once it has caught up.
 */
export async function drainPending(options: FoldPendingOptions = {}): Promise<number> {
  let folded = 0;
  for (;;) {
    const result = await foldPending(options);
    folded += result.folded;
    if (result.claimed === 0) return folded;
    if (result.folded === 0) await new Promise((resolve) => setTimeout(resolve, LOCKED_RETRY_MS));
  }
}

export interface FoldLoopOptions {
  intervalMs?: number;
  /** Events per transaction (foldPending). */
  limit?: number;
}

const globalForLoop = globalThis as unknown as { vitalsFoldLoop?: { stop: () => void } };

/**
 * Folds the queue every `intervalMs` in this process until it exits; idempotent (one loop per process). A round
 * folds what has queued since the last one, in transactions of `limit`, and goes on only while transactions come
 * back full (a backlog): folding costs per touched rollup row, and a row takes all the events of an interval at
 * once, so each round should fold one interval's worth, not chase each new batch. The timer does not keep the
 * process alive. A failed round is logged and the next one tries again: the queue is durable, so nothing is lost
 * meanwhile. On SQLite each round ends with a WAL checkpoint (checkpointHotPath): ingest's commits leave that to
 * this loop. Returns a function that stops the loop.
 */
export function startFoldLoop(options: FoldLoopOptions = {}): () => void {
  if (globalForLoop.vitalsFoldLoop) return globalForLoop.vitalsFoldLoop.stop;
  const intervalMs = options.intervalMs ?? 1_000;
  const limit = options.limit ?? DEFAULT_LIMIT;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => void round(), intervalMs);
    timer.unref();
  };
  const round = async () => {
    try {
      for (;;) {
        const result = await foldPending({ limit });
        if (result.claimed < limit || result.folded === 0) break;
      }
      checkpointHotPath();
    } catch (error) {
      console.error("[fold-loop] folding queued events failed; retrying", error);
    }
    schedule();
  };
  const stop = () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    process.off("exit", stop);
    if (globalForLoop.vitalsFoldLoop?.stop === stop) globalForLoop.vitalsFoldLoop = undefined;
  };
  process.on("exit", stop);
  globalForLoop.vitalsFoldLoop = { stop };
  schedule();
  return stop;
}
