// Runs once per server process at start (Next.js instrumentation): the background jobs (lib/services/background.ts)
// in a worker thread of the server (lib/services/background-thread.ts) — the aggregator that folds queued events
// into the rollups, the alert evaluator and hourly retention. Every replica runs the aggregator (they share the queue safely); a lease in the database lets one replica evaluate.
// VITALS_EVALUATOR=0 leaves evaluation and retention to a separate `npx vitals worker`.
export async function register(): Promise<void> {
  // Not in the edge runtime (no database driver), and not in `next build`'s workers, which prerender pages only.
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { startBackgroundThread } = await import("@/lib/services/background-thread.ts");
  const evaluator = process.env.VITALS_EVALUATOR !== "0";
  startBackgroundThread({ fold: true, evaluator, retention: evaluator });
}
