#!/usr/bin/env node
// The Playwright web server: a fresh SQLite file each run (data/e2e.db), then the ordinary start command.
import { rmSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
for (const suffix of ["", "-wal", "-shm", "-journal", ".demo-api-key"]) rmSync(`${root}data/e2e.db${suffix}`, { force: true });
await import("./start.mjs");
