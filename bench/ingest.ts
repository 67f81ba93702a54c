// POST /api/ingest end to end: `npm run bench:ingest` (SQLite) or `DATABASE_URL=postgresql://… npm run bench:ingest`.
//
// Builds the app when .next is missing or stale (scripts/build.mjs), then starts, on scratch databases that it
// removes afterwards (SQLite files in a temp dir; PostgreSQL databases created beside the one DATABASE_URL names,
// which serves only as the admin connection):
//   - the production server (scripts/server.mjs, as `npm start` runs it) on a migrated database holding the demo
//     services and an all-services ingest key — no demo history; the per-key rate limit is raised so capacity is
//     what is measured;
//   - the baseline (bench/lib/baseline-server.ts): bare node:http doing the same body read, JSON.parse, zod
//     validation and deduplicating insert in one transaction, without auth, rate guard or rollups.
// The load generator runs in this process (keep-alive connections, realistic demo events with timestamps in the
// last minutes, every event_id new) and measures, per batch size:
//   1. events/s in a closed loop (each connection sends its next batch when the last is answered);
//   2. for batches of 100: acknowledgement latency p50/p99 in an open loop at a fixed rate of half each one's
//      maximum, and meanwhile the rollup lag: after an acknowledged probe batch, how long until the all-traffic
//      minute rollup counts it (polled in the database);
// and prints the tables, server/baseline ratios and the targets with PASS/MISS (a miss never fails the run).
// Both servers share the machine with the load generator: compare figures of one run, not across machines.
//
// Options (argument, or environment variable):
//   --duration <s>     BENCH_DURATION     measured seconds per phase (default 10)
//   --warmup <s>       BENCH_WARMUP       unmeasured seconds before each closed loop (default 2)
//   --connections <n>  BENCH_CONNECTIONS  concurrent connections of the closed loops (default 16; the server
//                                         answers 503 past 64 requests in flight)
//   --sizes <a,b,…>    BENCH_SIZES        batch sizes (default 1,100,1000; the latency phase uses 100)
//   --cpu-prof <dir>   BENCH_CPU_PROF     write the server's V8 CPU profile there and print a summary of it
//   --skip-build       BENCH_SKIP_BUILD=1 use .next as it is, even when stale
// About 2 minutes per database with the defaults, plus the build when one is needed.
import { mkdir, readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { generatePortfolioEvents } from "@/lib/domain/demo/index.ts";
import { cleanup, cleanUpOnSignals } from "./lib/cleanup.ts";
import { closedLoop, EventFeed, openLoop, type MeteredTarget } from "./lib/load.ts";
import { summariseProfiles } from "./lib/profile-summary.ts";
import { latencyTable, lagLine, targetsTable, throughputTable, type LatencyResult, type SizeResult } from "./lib/report.ts";
import { openRollupCounter, probeRollupLag, type LagResult } from "./lib/rollup-lag.ts";
import { createScratchDatabases, PROBE_SERVICE } from "./lib/scratch-database.ts";
import { ensureProductionBuild, startBaselineServer, startNextServer } from "./lib/servers.ts";

const { values: args } = parseArgs({
  options: {
    duration: { type: "string" },
    warmup: { type: "string" },
    connections: { type: "string" },
    sizes: { type: "string" },
    "cpu-prof": { type: "string" },
    "skip-build": { type: "boolean" },
  },
});
const env = process.env;
const options = {
  durationMs: Number(args.duration ?? env.BENCH_DURATION ?? 10) * 1000,
  warmupMs: Number(args.warmup ?? env.BENCH_WARMUP ?? 2) * 1000,
  connections: Number(args.connections ?? env.BENCH_CONNECTIONS ?? 16),
  sizes: (args.sizes ?? env.BENCH_SIZES ?? "1,100,1000").split(",").map(Number),
  cpuProfDir: args["cpu-prof"] ?? env.BENCH_CPU_PROF,
  skipBuild: args["skip-build"] ?? env.BENCH_SKIP_BUILD === "1",
};
if (!(options.durationMs > 0 && options.warmupMs >= 0 && options.connections >= 1 && options.sizes.every((s) => Number.isInteger(s) && s >= 1 && s <= 1000))) {
  console.error("Options: --duration <s> --warmup <s> --connections <n> --sizes <1–1000,…> --cpu-prof <dir> --skip-build (see the header of bench/ingest.ts).");
  process.exit(2);
}
/** The batch size of the latency and lag phase. */
const LATENCY_SIZE = options.sizes.includes(100) ? 100 : options.sizes[0]!;
const PROBE_INTERVAL_MS = 500;

cleanUpOnSignals();
try {
  await main();
} catch (error) {
  console.error(`\nThe bench failed: ${(error as Error).stack ?? error}`);
  process.exitCode = 1;
} finally {
  await cleanup();
}

async function main(): Promise<void> {
  const adminUrl = env.DATABASE_URL?.trim() || undefined;
  if (options.skipBuild) console.log("[build] skipped (--skip-build): serving .next as it is");
  else await ensureProductionBuild();

  const db = await createScratchDatabases(adminUrl);
  const started = new Date();
  console.log(
    `\nLLM Vitals ingest bench: ${db.provider}, production build, ${options.connections} connections, ` +
      `${options.durationMs / 1000} s a phase (+${options.warmupMs / 1000} s warm-up), ${started.toISOString().slice(0, 16)}Z`,
  );
  const cpuProfDir = options.cpuProfDir ? resolve(options.cpuProfDir) : undefined;
  if (cpuProfDir) await mkdir(cpuProfDir, { recursive: true });
  const [server, baseline] = await Promise.all([
    startNextServer({ databaseUrl: db.serverUrl, logDir: db.workDir, cpuProfDir }),
    startBaselineServer({ databaseUrl: db.baselineUrl, logDir: db.workDir }),
  ]);
  const targets: Record<"server" | "baseline", MeteredTarget> = {
    server: { name: "server", origin: server.origin, apiKey: db.apiKey, cpuMs: server.cpuMs },
    baseline: { name: "baseline", origin: baseline.origin, apiKey: db.apiKey, cpuMs: baseline.cpuMs },
  };

  // Demo traffic of the last minutes, replayed with new ids: the rollups of those minutes are read and merged.
  const now = started.getTime();
  const pool = [...generatePortfolioEvents({ from: now - 10 * 60_000, to: now, seed: 20261126, rateScale: 300 })].slice(-20_000);
  const tag = `b${now.toString(36)}`;
  const feed = new EventFeed(pool, tag);

  const results: SizeResult[] = [];
  for (const size of options.sizes) {
    process.stdout.write(`batch ${size}: server… `);
    const s = await closedLoop(targets.server, feed, size, options.connections, options.warmupMs, options.durationMs);
    process.stdout.write(`${Math.round(s.eventsPerSecond).toLocaleString("en")} events/s; baseline… `);
    const b = await closedLoop(targets.baseline, feed, size, options.connections, options.warmupMs, options.durationMs);
    console.log(`${Math.round(b.eventsPerSecond).toLocaleString("en")} events/s`);
    results.push({ size, server: s, baseline: b });
  }

  const max = results.find((r) => r.size === LATENCY_SIZE)!;
  const rate = (eventsPerSecond: number) => Math.max(1, eventsPerSecond / 2 / LATENCY_SIZE);
  process.stdout.write(`latency at half the max rate, batch ${LATENCY_SIZE}: server (with the rollup-lag probe)… `);
  const counter = await openRollupCounter(db.provider, db.serverUrl, db.probeServiceId);
  let probes = 0;
  const probeBody = () => {
    const at = new Date(Date.now() - 1_000).toISOString();
    const events = pool.slice(0, LATENCY_SIZE).map((e) => ({ ...e, event_id: `${tag}-probe-${probes++}`, service: PROBE_SERVICE, timestamp: at }));
    return JSON.stringify({ events });
  };
  const serverRate = rate(max.server.eventsPerSecond);
  const [serverLatency, lag]: [LatencyResult["server"], LagResult] = await Promise.all([
    openLoop(targets.server, feed, LATENCY_SIZE, serverRate, options.durationMs, 48).then((r) => ({ ...r, requestsPerSecond: serverRate })),
    probeRollupLag(targets.server, counter, probeBody, PROBE_INTERVAL_MS, performance.now() + options.durationMs),
  ]);
  await counter.close();
  process.stdout.write("baseline… ");
  const baselineRate = rate(max.baseline.eventsPerSecond);
  const baselineLatency = { ...(await openLoop(targets.baseline, feed, LATENCY_SIZE, baselineRate, options.durationMs, 48)), requestsPerSecond: baselineRate };
  console.log("done");
  const latency: LatencyResult = { size: LATENCY_SIZE, server: serverLatency, baseline: baselineLatency };

  console.log(`\n${throughputTable(results, options.connections)}\n`);
  console.log(`${latencyTable(latency)}\n`);
  console.log(`${lagLine(lag, LATENCY_SIZE, PROBE_INTERVAL_MS)}\n`);
  console.log(targetsTable(results, latency, lag));
  for (const name of ["server", "baseline"] as const) {
    const phases = [...results.map((r) => r[name]), latency[name]];
    if (phases.every((p) => p.failures.size === 0)) continue;
    const log = await readFile(join(db.workDir, `${name}.log`), "utf8").catch(() => "");
    console.log(`\nSome ${name} requests failed; the end of its log:\n${log.split("\n").slice(-20).join("\n")}`);
  }

  if (cpuProfDir) {
    await server.stop(); // the profile is written when the process exits
    console.log(`\n${await summariseProfiles(cpuProfDir)}`);
  }
}
