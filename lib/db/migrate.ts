import { spawn } from "node:child_process";
import { mkdir } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { providerOf } from "./database-url.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/**
 * Applies the committed migrations of the database's provider (`prisma migrate deploy`, through
 * scripts/prisma.mjs, which uses the native schema engine when installed and the WASM stand-in offline).
 * `quiet` keeps Prisma's output unless it fails.
 */
export async function migrateDatabase(url: string, { quiet = true } = {}): Promise<void> {
  if (providerOf(url) === "sqlite") {
    await mkdir(dirname(resolve(ROOT, url.replace(/^file:/, ""))), { recursive: true });
  }
  const child = spawn(process.execPath, ["scripts/prisma.mjs", "migrate", "deploy"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: url },
    stdio: quiet ? ["ignore", "pipe", "pipe"] : "inherit",
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((done) => child.on("close", done));
  if (code !== 0) throw new Error(`Migration failed (exit ${code}).\n${output}`);
}
