import { cpus } from "node:os";
import { quantile, type PhaseResult } from "./load.ts";
import type { LagResult } from "./rollup-lag.ts";

// The ingest bench's printed tables and its verdicts against the targets. A miss is printed, never fatal.

export const TARGETS = {
  /** events/s at 100 events a batch */
  eventsPerSecond: 20_000,
  /** server / baseline events/s */
  ratio: 0.5,
  /** ms, at half the maximum rate */
  p99: 250,
  /** ms */
  rollupLag: 5_000,
};

export interface SizeResult {
  size: number;
  server: PhaseResult;
  baseline: PhaseResult;
}

export interface LatencyResult {
  size: number;
  server: PhaseResult & { requestsPerSecond: number };
  baseline: PhaseResult & { requestsPerSecond: number };
}

const int = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString("en") : "—");
const ms = (n: number) => (Number.isFinite(n) ? (n < 10 ? n.toFixed(2) : n < 100 ? n.toFixed(1) : Math.round(n).toLocaleString("en")) : "—");
const percent = (r: number) => (Number.isFinite(r) ? `${Math.round(r * 100)} %` : "—");
const verdict = (ok: boolean) => (ok ? "PASS" : "MISS");

/** CPU µs the process spent per accepted event. */
const cpuPerEvent = (r: PhaseResult) => (r.serverCpuMs === null || r.events === 0 ? Number.NaN : (r.serverCpuMs * 1000) / r.events);

/** "—", or "503×12 0×1": the answers that were not a 200. */
function failures(result: PhaseResult): string {
  if (result.failures.size === 0) return "—";
  return [...result.failures].map(([status, n]) => `${status}×${n}`).join(" ");
}

function table(rows: string[][], align: ("l" | "r")[]): string {
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((r) => r[col]!.length)));
  return rows.map((r) => r.map((cell, col) => (align[col] === "l" ? cell.padEnd(widths[col]!) : cell.padStart(widths[col]!))).join("   ").trimEnd()).join("\n");
}

export function throughputTable(results: readonly SizeResult[], connections: number): string {
  const rows = [
    [
      "batch", "server ev/s", "baseline ev/s", "server/baseline", "server req/s", "CPU µs/event: server", "baseline", "cores busy: machine", "server", "generator",
      "p50 ms: server", "baseline", "non-200: server", "baseline",
    ],
    ...results.map(({ size, server, baseline }) => [
      String(size), int(server.eventsPerSecond), int(baseline.eventsPerSecond), percent(server.eventsPerSecond / baseline.eventsPerSecond),
      int((server.requests * 1000) / server.elapsedMs), int(cpuPerEvent(server)), int(cpuPerEvent(baseline)),
      server.machineCores.toFixed(2), server.serverCpuMs === null ? "—" : (server.serverCpuMs / server.elapsedMs).toFixed(2), server.generatorCores.toFixed(2),
      ms(quantile(server.latencies, 0.5)), ms(quantile(baseline.latencies, 0.5)), failures(server), failures(baseline),
    ]),
  ];
  return (
    `Throughput: closed loop, ${connections} connections, every event new (CPU: the server process's own, per accepted event;\n` +
    `cores busy: of the ${cpus().length} cores, how many were busy during the server's phase: in all, the server's, the load generator's)\n` +
    table(rows, ["r", "r", "r", "r", "r", "r", "r", "r", "r", "r", "r", "r", "l", "l"])
  );
}

export function latencyTable(latency: LatencyResult): string {
  const row = (name: string, r: LatencyResult["server"]) => [
    name, r.requestsPerSecond.toFixed(1), int(r.eventsPerSecond), ms(quantile(r.latencies, 0.5)), ms(quantile(r.latencies, 0.99)),
    ms(quantile(r.latencies, 1)), String(r.requests), failures(r),
  ];
  const rows = [["", "req/s", "events/s", "p50 ms", "p99 ms", "max ms", "requests", "non-200"], row("server", latency.server), row("baseline", latency.baseline)];
  return (
    `Acknowledgement latency: open loop at half of each one's max rate, ${latency.size} events a batch ` +
    `(from the scheduled send to the whole answer)\n${table(rows, ["l", "r", "r", "r", "r", "r", "r", "l"])}`
  );
}

export function lagLine(lag: LagResult, size: number, intervalMs: number): string {
  const counted = lag.lags.length;
  const figures = counted > 0 ? `p50 ${ms(quantile(lag.lags, 0.5))} ms · max ${ms(quantile(lag.lags, 1))} ms` : "no batch was counted";
  return (
    `Rollup lag: acknowledgement → the all-traffic minute rollup counts the batch (${size} events every ${intervalMs} ms during the ` +
    `server's open loop; polled every 2 ms, so ≈ one poll means "already there")\nserver   ${figures} · ${counted} probes · ` +
    `${lag.timeouts} not counted within 30 s · ${lag.failures} not acknowledged`
  );
}

export function targetsTable(results: readonly SizeResult[], latency: LatencyResult | null, lag: LagResult | null): string {
  const rows: string[][] = [["target", "measured", ""]];
  const at100 = results.find((r) => r.size === 100);
  if (at100) {
    const eps = at100.server.eventsPerSecond;
    rows.push([`≥ ${int(TARGETS.eventsPerSecond)} events/s at 100 a batch`, int(eps), verdict(eps >= TARGETS.eventsPerSecond)]);
  }
  for (const { size, server, baseline } of results) {
    const ratio = server.eventsPerSecond / baseline.eventsPerSecond;
    rows.push([`≥ ${percent(TARGETS.ratio)} of the baseline at ${size} a batch`, percent(ratio), verdict(ratio >= TARGETS.ratio)]);
  }
  if (latency) {
    const p99 = quantile(latency.server.latencies, 0.99);
    rows.push([`p99 < ${TARGETS.p99} ms at half the max rate`, `${ms(p99)} ms`, verdict(p99 < TARGETS.p99)]);
  }
  if (lag) {
    const worst = lag.timeouts > 0 || lag.lags.length === 0 ? Number.POSITIVE_INFINITY : quantile(lag.lags, 1);
    rows.push([`rollup lag < ${TARGETS.rollupLag / 1000} s (the worst probe)`, Number.isFinite(worst) ? `${ms(worst)} ms` : "> 30 s", verdict(worst < TARGETS.rollupLag)]);
  }
  return `Targets\n${table(rows, ["l", "r", "l"])}`;
}
