#!/usr/bin/env node
// `npm start`: prepares the database (migrate; seed the demo into an empty one), builds when the sources
// changed since the last build, serves on PORT (default 3000) and prints where and how to sign in.
// The database work and the build run side by side; both must succeed before the server starts.
import { spawn } from "node:child_process";
import { isAbsolute, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { ensureAuthSecret } from "./lib/auth-secret.mjs";
import { build } from "./build.mjs";
import { runPrefixed } from "./lib/run.mjs";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const PORT = Number(process.env.PORT ?? 3000);
const HOST = process.env.HOSTNAME ?? "0.0.0.0";
const env = {
  ...process.env,
  DATABASE_URL: absoluteDatabaseUrl(process.env.DATABASE_URL || "file:./data/vitals.db"),
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

const server = spawn(process.execPath, [join(ROOT, "node_modules/next/dist/bin/next"), "start", "-p", String(PORT), "-H", HOST], {
  cwd: ROOT,
  env,
  stdio: "inherit",
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 0 : 1)));

try {
  await waitForHealth(`http://127.0.0.1:${PORT}/api/health`, server);
} catch (error) {
  console.error(`\nStart failed: ${error.message}`);
  server.kill("SIGTERM");
  process.exit(1);
}
console.log(`
LLM Vitals is ready after ${seconds()}:  http://localhost:${PORT}

Demo sign-ins (password: vitals-demo)
  admin@vitals.local     admin     — users, services, channels
  approver@vitals.local  approver  — reviews score-config proposals
  owner@vitals.local     owner     — owns several services, proposes configs
  engineer@vitals.local  engineer  — triage, acknowledges alerts
  viewer@vitals.local    viewer    — read-only dashboards and reports
`);
