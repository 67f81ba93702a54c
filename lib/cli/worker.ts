import { parseArgs } from "node:util";
import { startBackgroundJobs } from "@/lib/services/background.ts";
import type { Command } from "./main.ts";

const USAGE = `Usage: npx vitals worker [--no-fold]

Runs the background jobs without the web server until stopped (Ctrl-C / SIGTERM): the alert evaluator (every
VITALS_EVALUATOR_INTERVAL_MS, default 60000: score snapshots, alert states, notifications), hourly retention and,
unless --no-fold, the aggregator that folds ingested events into rollups. Start servers with VITALS_EVALUATOR=0
to leave evaluation to workers. Several workers may run: a lease in the database lets one evaluate at a time,
and a standby takes over within a few intervals when the leader stops.`;

export const workerCommand: Command = {
  summary: "run the evaluator, retention and the aggregator without the web server",
  usage: USAGE,
  async run(args) {
    const { values } = parseArgs({ args, options: { "no-fold": { type: "boolean", default: false } } });
    const log = (line: string) => console.log(`${new Date().toISOString()} ${line}`);
    const stop = startBackgroundJobs({ fold: !values["no-fold"], evaluator: true, retention: true, log });
    log("worker started");
    // The jobs' timers are unref'd (they must not hold a server open on its way out); this one keeps the worker
    // alive until a signal arrives.
    const keepAlive = setInterval(() => {}, 2 ** 30);
    await new Promise<void>((resolve) => {
      process.once("SIGINT", resolve);
      process.once("SIGTERM", resolve);
    });
    clearInterval(keepAlive);
    log("worker stopping");
    await stop();
    return 0;
  },
};
