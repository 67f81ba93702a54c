import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createServer } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { onCleanup } from "./cleanup.ts";

// The two servers the ingest bench compares, each its own process on a free local port: the production build
// (scripts/server.mjs, as scripts/start.mjs runs it) and the bare node:http baseline (baseline-server.ts). Their
// output goes to a log file beside the scratch data; the last lines are printed when a server fails to come up.

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));

export interface RunningServer {
  name: string;
  /** http://127.0.0.1:port */
  origin: string;
  /** CPU time (user + system) the process has used so far, in ms; null where /proc is not there. */
  cpuMs(): number | null;
  /** Stops the process (SIGTERM, SIGKILL after 10 s) and waits for it to exit. */
  stop(): Promise<void>;
}

/** Linux: utime and stime of /proc/<pid>/stat, in clock ticks of 10 ms (the fields after the command name). */
function processCpuMs(pid: number | undefined): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

/** `node scripts/build.mjs`: builds unless the stamped build in .next matches the sources (its own check). */
export async function ensureProductionBuild(): Promise<void> {
  const child = spawn(process.execPath, [join(ROOT, "scripts/build.mjs")], { cwd: ROOT, stdio: "inherit" });
  const code = await new Promise<number | null>((done) => child.on("exit", done));
  if (code !== 0) throw new Error(`the production build failed (exit ${code})`);
}

export async function startNextServer(options: { databaseUrl: string; logDir: string; cpuProfDir?: string }): Promise<RunningServer> {
  const port = await freePort();
  const nodeOptions = options.cpuProfDir ? ["--cpu-prof", `--cpu-prof-dir=${options.cpuProfDir}`] : [];
  // What `npm start` runs (scripts/server.mjs): Next.js behind the server's own ingest path.
  const child = spawn(process.execPath, [...nodeOptions, join(ROOT, "scripts/server.mjs")], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
      NODE_ENV: "production",
      DATABASE_URL: options.databaseUrl,
      AUTH_SECRET: randomBytes(32).toString("base64url"),
      NEXT_TELEMETRY_DISABLED: "1",
      // The bench measures capacity: the per-key rate limit (50,000 events/s by default) must not be what stops it.
      VITALS_INGEST_RATE_PER_KEY: "1000000000",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  return running("server", child, port, "/api/health", join(options.logDir, "server.log"));
}

export async function startBaselineServer(options: { databaseUrl: string; logDir: string }): Promise<RunningServer> {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", join(ROOT, "bench/lib/baseline-server.ts")], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: "production", DATABASE_URL: options.databaseUrl, PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  return running("baseline", child, port, "/health", join(options.logDir, "baseline.log"));
}

async function running(name: string, child: ChildProcess, port: number, healthPath: string, logFile: string): Promise<RunningServer> {
  const log = createWriteStream(logFile);
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const exited = new Promise<void>((done) => child.once("exit", () => done()));
  const stop = onCleanup(`stop the ${name}`, async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    }
    log.end();
  });
  const origin = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(`${origin}${healthPath}`, child);
  } catch (error) {
    await stop();
    const tail = (await readFile(logFile, "utf8").catch(() => "")).split("\n").slice(-20).join("\n");
    throw new Error(`the ${name} did not start: ${(error as Error).message}\n${tail}`);
  }
  return { name, origin, cpuMs: () => processCpuMs(child.pid), stop };
}

async function waitForHealth(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`it exited (code ${child.exitCode})`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("no healthy answer within 60 s");
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}
