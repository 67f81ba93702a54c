// Runs once per server process at start (Next.js instrumentation): the aggregator that folds queued events into
// the rollups (lib/services/rollups/fold-pending.ts). Every replica runs one; they share the queue safely.
export async function register(): Promise<void> {
  // Not in the edge runtime (no database driver), and not in `next build`'s workers, which prerender pages only.
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { startFoldLoop } = await import("@/lib/services/rollups/fold-pending.ts");
  // VITALS_FOLD_INTERVAL_MS trades rollup lag (about one interval) for folding cost (per rollup row and round).
  startFoldLoop({ intervalMs: Number(process.env.VITALS_FOLD_INTERVAL_MS) || 1_000, limit: Number(process.env.VITALS_FOLD_BATCH) || undefined });
}
