import { parseArgs } from "node:util";
import { INCIDENT_KINDS, startBackgroundSimulation, type SimulationStats } from "@/lib/services/demo/simulate-traffic.ts";
import type { VitalsError } from "@/lib/sdk/index.ts";
import type { Command } from "./main.ts";

const MAX_RATE = 1_000;
const REPORT_EVERY_MS = 10_000;
/** The final flush may be retrying against a server that is gone; Ctrl-C should not hang for minutes. */
const FINAL_FLUSH_TIMEOUT_MS = 15_000;

const USAGE = `Usage: npx vitals simulate --rate <events/s> [options]

Streams live demo traffic to a running server through the ingest API: the generator of the demo seed,
carried forward in wall-clock time. Stops on Ctrl-C (after sending what is queued) or after --duration.

Options:
  --rate <n>          events per second across the demo portfolio (required; at most ${MAX_RATE})
  --incident <kind>   start a built-in incident now, ongoing (default: the seed's incidents carry on):
                      ${INCIDENT_KINDS.join(", ")}, or none for healthy traffic
  --url <url>         the server (default http://localhost:3000)
  --key <api key>     an API key with the ingest scope (default: env VITALS_API_KEY)
  --duration <s>      stop after this many seconds (default: until interrupted)`;

const clock = () => new Date().toISOString().slice(11, 19);

function progressLine(s: SimulationStats, perSecond: number): string {
  const parts = [`${perSecond.toFixed(1)} events/s`, `sent ${s.sent}`, `accepted ${s.accepted}`, `duplicates ${s.duplicates}`, `rejected ${s.rejected}`, `retries ${s.retries}`];
  if (s.failed > 0) parts.push(`failed ${s.failed}`);
  if (s.dropped > 0) parts.push(`dropped ${s.dropped}`);
  if (s.queued > 0) parts.push(`queued ${s.queued}`);
  return `${clock()}  ${parts.join(" · ")}`;
}

/** Parsed options, or the message of a usage error. */
function readOptions(args: string[]): { rate: number; incident?: string; url: string; apiKey: string; durationMs?: number } | string {
  const { values } = parseArgs({
    args,
    options: {
      rate: { type: "string" },
      incident: { type: "string" },
      url: { type: "string", default: "http://localhost:3000" },
      key: { type: "string" },
      duration: { type: "string" },
    },
  });
  const rate = Number(values.rate);
  if (values.rate === undefined || !(rate > 0 && rate <= MAX_RATE)) return `--rate must be a number of events per second, above 0 and at most ${MAX_RATE}.`;
  const incident = values.incident?.toLowerCase();
  if (incident !== undefined && incident !== "none" && !INCIDENT_KINDS.includes(incident.replaceAll("_", "-"))) {
    return `--incident must be one of: ${INCIDENT_KINDS.join(", ")}, none.`;
  }
  if (!URL.canParse(values.url) || !/^https?:$/.test(new URL(values.url).protocol)) return `--url must be an http(s) URL; got "${values.url}".`;
  const apiKey = values.key ?? process.env.VITALS_API_KEY;
  if (!apiKey) return "Pass an API key with the ingest scope: --key lvk_… or env VITALS_API_KEY.";
  const duration = values.duration === undefined ? undefined : Number(values.duration);
  if (duration !== undefined && !(duration > 0)) return "--duration must be a positive number of seconds.";
  return { rate, incident, url: values.url, apiKey, durationMs: duration === undefined ? undefined : duration * 1000 };
}

export const simulateCommand: Command = {
  summary: "stream live demo traffic to a running server",
  usage: USAGE,
  async run(args) {
    const options = readOptions(args);
    if (typeof options === "string") {
      console.error(`${options}\n\n${USAGE}`);
      return 2;
    }
    let finish: (code: number) => void = () => {};
    const finished = new Promise<number>((resolve) => (finish = resolve));
    const onError = (error: VitalsError) => {
      console.error(`${clock()}  ${error.message}`);
      // A refused key will not start working by itself: stop instead of failing every batch.
      if (error.kind === "failed" && (error.status === 401 || error.status === 403)) finish(1);
    };
    const sim = startBackgroundSimulation({ url: options.url, apiKey: options.apiKey, rate: options.rate, incident: options.incident, onError });
    const incidents = options.incident ? `incident ${options.incident} from now` : "the seed's incidents carry on";
    console.log(`Simulating ${options.rate} events/s to ${options.url} (run ${sim.runId}; ${incidents}). Ctrl-C stops.`);

    let last = { at: Date.now(), generated: 0 };
    const report = () => {
      const stats = sim.stats();
      const seconds = Math.max(0.001, (Date.now() - last.at) / 1000);
      console.log(progressLine(stats, (stats.generated - last.generated) / seconds));
      last = { at: Date.now(), generated: stats.generated };
    };
    const reporter = setInterval(report, REPORT_EVERY_MS);
    const deadline = options.durationMs === undefined ? undefined : setTimeout(() => finish(0), options.durationMs);
    let signalled = false;
    const onSignal = () => {
      // A second Ctrl-C means "now", even while the final flush is still retrying.
      if (signalled) process.exit(130);
      signalled = true;
      console.log(`\n${clock()}  stopping: sending what is queued (Ctrl-C again to quit at once)…`);
      finish(0);
    };
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);

    const code = await finished;
    clearInterval(reporter);
    clearTimeout(deadline);
    let flushTimer: ReturnType<typeof setTimeout> | undefined;
    const flushed = await Promise.race([
      sim.stop().then(() => true),
      new Promise<false>((resolve) => (flushTimer = setTimeout(() => resolve(false), FINAL_FLUSH_TIMEOUT_MS))),
    ]);
    clearTimeout(flushTimer);
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    report();
    const s = sim.stats();
    const lost = s.generated - s.accepted - s.duplicates - s.rejected;
    console.log(`Done: ${s.generated} generated, ${s.accepted} accepted, ${s.duplicates} duplicates, ${s.rejected} rejected, ${lost} not delivered.`);
    if (!flushed) {
      console.error(`The final flush did not finish within ${FINAL_FLUSH_TIMEOUT_MS / 1000} s (is the server up?).`);
      // The client would go on retrying the batch in flight and keep the process alive; the user asked to stop.
      process.exit(1);
    }
    return code;
  },
};
