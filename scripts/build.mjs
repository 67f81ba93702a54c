#!/usr/bin/env node
// `npm run build`: next build, then stamps the source hash so `npm start` knows the build is current.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildIsCurrent, sourceHash, STAMP_FILE } from "./lib/build-stamp.mjs";
import { runPrefixed } from "./lib/run.mjs";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

/** Builds unless the stamped build is current (or `force`); output lines are prefixed with `[build]`. */
export async function build({ force = false, env = process.env } = {}) {
  if (!force && buildIsCurrent(ROOT)) {
    console.log("[build] up to date");
    return;
  }
  const hash = sourceHash(ROOT);
  await runPrefixed("build", process.execPath, [join(ROOT, "node_modules/next/dist/bin/next"), "build"], {
    cwd: ROOT,
    env: { ...env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  writeFileSync(join(ROOT, STAMP_FILE), hash + "\n");
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  build({ force: process.argv.includes("--force") }).catch((error) => {
    console.error(error.message);
    process.exit(1);
  });
}
