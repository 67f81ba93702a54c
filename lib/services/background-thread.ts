import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { BackgroundOptions } from "./background.ts";

// The server runs its background jobs (background.ts: the aggregator, the evaluator, the outbox, retention) in a
// worker thread rather than on the thread that answers requests. Folding and scoring are CPU work in long
// synchronous stretches (a SQLite fold transaction is one call); on the request thread they stalled every request
// behind them, and they could use one core only. The thread has its own database connections and module state,
// exactly as a separate `npx vitals worker` process would: the jobs already share nothing with requests but the
// database.

/** How long to wait before starting a thread that died again. */
const RESTART_DELAY_MS = 5_000;

/**
 * Starts the background thread; restarts it if it dies (an uncaught error is logged first). The thread does not
 * keep the process alive. Returns a function that stops the jobs and waits for the thread to end.
 */
export function startBackgroundThread(options: Omit<BackgroundOptions, "log">): () => Promise<void> {
  // The script is loaded by Node from the project, not bundled: the thread's code is a string that imports it, so
  // the bundler does not take the Worker for one of its entry points.
  const script = `import(${JSON.stringify(pathToFileURL(join(process.cwd(), "scripts", "background-thread.mjs")).href)})`;
  let worker: Worker | null = null;
  let stopped = false;
  const start = () => {
    const thread = new Worker(script, { eval: true, workerData: options });
    worker = thread;
    thread.unref();
    thread.on("error", (error) => console.error("[background] the background thread failed", error));
    thread.on("exit", (code) => {
      if (stopped) return;
      console.error(`[background] the background thread exited (code ${code}); starting it again in ${RESTART_DELAY_MS / 1000} s`);
      setTimeout(start, RESTART_DELAY_MS).unref();
    });
  };
  start();
  return async () => {
    stopped = true;
    const thread = worker;
    if (!thread) return;
    const exited = new Promise<void>((resolve) => thread.once("exit", () => resolve()));
    thread.postMessage("stop");
    await exited;
  };
}
