import { startOutboxLoop } from "./alerts/process-outbox.ts";
import { startEvaluatorLoop, publicBaseUrl } from "./alerts/run-evaluator.ts";
import { startLeasedLoop } from "./leased-loop.ts";
import { settleSnapshotDays } from "./reports/settle-snapshot-days.ts";
import { startWeeklySnapshotLoop } from "./reports/weekly-snapshot.ts";
import { applyRetention } from "./rollups/apply-retention.ts";
import { startFoldLoop } from "./rollups/fold-pending.ts";

// The background jobs of one process: the aggregator (folds queued events into rollups), the evaluator (scores,
// snapshots, alerts; one leader per database), the outbox sender (notifications; deliveries are claimed row by
// row, so every process may send), retention (hourly; one leader) and the weekly report snapshot (one leader). The server runs them all by default
// (instrumentation.ts); `npx vitals worker` runs them alone, and VITALS_EVALUATOR=0 keeps a server's evaluator,
// sender and retention off when a worker does those jobs.

export interface BackgroundOptions {
  fold: boolean;
  evaluator: boolean;
  retention: boolean;
  log?: (line: string) => void;
}

const HOUR_MS = 3_600_000;

/** Reads the intervals from the environment (see README, "Background jobs"). */
export function startBackgroundJobs(options: BackgroundOptions): () => Promise<void> {
  const log = options.log ?? ((line: string) => console.log(line));
  const stops: (() => void | Promise<void>)[] = [];
  if (options.fold) {
    stops.push(startFoldLoop({ intervalMs: envMs("VITALS_FOLD_INTERVAL_MS", 1_000), limit: Number(process.env.VITALS_FOLD_BATCH) || undefined }));
  }
  if (options.evaluator) {
    const intervalMs = envMs("VITALS_EVALUATOR_INTERVAL_MS", 60_000);
    const leaseMs = envMs("VITALS_EVALUATOR_LEASE_MS", Math.max(3 * intervalMs, 30_000));
    stops.push(startEvaluatorLoop({ intervalMs, leaseMs, baseUrl: publicBaseUrl(), log }));
    stops.push(startOutboxLoop({ intervalMs: envMs("VITALS_OUTBOX_INTERVAL_MS", 5_000) }));
  }
  if (options.retention) {
    stops.push(startRetentionLoop(log));
    stops.push(startWeeklySnapshotLoop(log));
  }
  return async () => {
    for (const stop of stops.reverse()) await stop();
  };
}

function envMs(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

/**
 * Compaction and retention once an hour, by whichever process holds the "retention" lease — and the reports'
 * settled days (yesterday's figures, summed once and stored).
 */
function startRetentionLoop(log: (line: string) => void): () => void {
  // The first run waits a minute: a server starting up has better things to do.
  return startLeasedLoop({
    lease: "retention", leaseMs: HOUR_MS - 60_000, firstDelayMs: 60_000, intervalMs: HOUR_MS, label: "retention", log,
    work: async (now) => {
      const r = await applyRetention({ now });
      log(`retention: ${r.rawEventsDeleted} raw events and ${r.minuteRowsDeleted} minute rows removed`);
      await settleSnapshotDays(now);
    },
  });
}
