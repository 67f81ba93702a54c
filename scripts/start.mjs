#!/usr/bin/env node
// `npm start`: prepares the database (migrate; seed the demo into an empty one), builds when the sources
// changed since the last build, serves on PORT (default 3000) and prints where and how to sign in.
// The database work and the build run side by side; both must succeed before the server starts.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { isAbsolute, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { ensureAuthSecret } from "./lib/auth-secret.mjs";
import { build } from "./build.mjs";
import { runPrefixed } from "./lib/run.mjs";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

const PORT = Number(process.env.PORT ?? 3000);
const HOST = process.env.HOSTNAME ?? "0.0.0.0";
const DATABASE_URL = absoluteDatabaseUrl(process.env.DATABASE_URL || "file:./data/vitals.db");
// The demo key belongs to one database: kept beside the SQLite file, or per PostgreSQL URL under data/.
const DEMO_KEY_FILE = DATABASE_URL.startsWith("file:")
  ? `${DATABASE_URL.slice(5)}.demo-api-key`
  : join(ROOT, "data", `demo-api-key-${createHash("sha256").update(DATABASE_URL).digest("hex").slice(0, 12)}`);
const env = {
  ...process.env,
  DATABASE_URL,
  VITALS_DEMO_KEY_FILE: DEMO_KEY_FILE,
  AUTH_SECRET: ensureAuthSecret(ROOT),
  NEXT_TELEMETRY_DISABLED: "1",
};
const started = Date.now();

/** A relative SQLite path means relative to the project, whichever tool (Prisma CLI, server) opens it. */
function absoluteDatabaseUrl(url) {
  if (!url.startsWith("file:") || isAbsolute(url.slice(5))) return url;
  return `file:${resolve(ROOT, url.slice(5))}`;
}
const seconds = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;

async function waitForHealth(url, child) {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`the server exited (code ${child.exitCode})`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("the server did not become healthy within 60 s");
}

try {
  await Promise.all([runPrefixed("db", process.execPath, [join(ROOT, "scripts/vitals.mjs"), "db", "prepare"], { cwd: ROOT, env }), build({ env })]);
} catch (error) {
  console.error(`\nStart failed: ${error.message}`);
  process.exit(1);
}

const server = spawn(process.execPath, [join(ROOT, "scripts/server.mjs")], {
  cwd: ROOT,
  env: { ...env, PORT: String(PORT), HOSTNAME: HOST },
  stdio: "inherit",
});
let simulator = null;
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    // The simulator first: its final flush needs the server.
    simulator?.kill(signal);
    server.kill(signal);
  });
}
server.on("exit", (code, signal) => {
  simulator?.kill("SIGTERM");
  process.exit(code ?? (signal ? 0 : 1));
});

try {
  await waitForHealth(`http://127.0.0.1:${PORT}/api/health`, server);
} catch (error) {
  console.error(`\nStart failed: ${error.message}`);
  server.kill("SIGTERM");
  process.exit(1);
}
const demoKey = existsSync(DEMO_KEY_FILE) ? readFileSync(DEMO_KEY_FILE, "utf8").trim() : null;
console.log(`
LLM Vitals is ready after ${seconds()}:  http://localhost:${PORT}

Demo sign-ins (password: vitals-demo)
  admin@vitals.local     admin     — users, services, channels
  approver@vitals.local  approver  — reviews score-config proposals
  owner@vitals.local     owner     — owns several services, proposes configs
  engineer@vitals.local  engineer  — triage, acknowledges alerts
  viewer@vitals.local    viewer    — read-only dashboards and reports
${demoKey ? `\nDemo API key (all services, ingest + read): ${demoKey}\n` : ""}`);

// Live demo traffic, so the dashboards move: the seed's generator streamed through the SDK at about the
// seed's own rate. VITALS_SIMULATE=0 turns it off; it needs the demo key, so it never runs on real data.
if (demoKey && process.env.VITALS_SIMULATE !== "0") {
  const rate = process.env.VITALS_SIMULATE_RATE ?? "0.3";
  console.log(`Streaming demo traffic at ${rate} events/s (VITALS_SIMULATE=0 turns it off).`);
  simulator = spawn(
    process.execPath,
    [join(ROOT, "scripts/vitals.mjs"), "simulate", "--rate", rate, "--url", `http://127.0.0.1:${PORT}`, "--key", demoKey],
    { cwd: ROOT, env, stdio: ["ignore", "ignore", "inherit"] },
  );
  simulator.on("exit", (code) => {
    if (code) console.error(`[simulate] stopped (exit ${code}); the server keeps running.`);
    simulator = null;
  });
}
