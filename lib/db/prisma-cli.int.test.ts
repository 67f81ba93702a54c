import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPgDatabase, dropPgDatabase, scratchName } from "@/lib/testing/postgres-admin.ts";

// The migration path from scratch, through the real CLI: scripts/prisma.mjs → Prisma CLI → schema engine (the
// native binary after an online install, the WASM stand-in in scripts/schema-engine offline). A Prisma upgrade
// that breaks the stand-in, or migrations that no longer produce prisma/models.prisma, fail here.
// Not a performance test: each CLI call takes a few seconds.

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const provider = process.env.VITALS_TEST_DB === "postgres" ? "postgres" : "sqlite";
const migrationsDir = `prisma/${provider}/migrations`;
const schemaFile = `prisma/${provider}/schema.prisma`;
const TIMEOUT = 120_000;

type Run = { code: number | null; output: string };

function prismaCli(url: string, args: string[]): Promise<Run> {
  const child = spawn(process.execPath, ["scripts/prisma.mjs", ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: url, VITALS_PRISMA_PROVIDER: provider },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, output }));
  });
}

/** Names of the migrations recorded as finished (and not rolled back) in the database. */
async function appliedMigrations(url: string): Promise<string[]> {
  const sql = `SELECT migration_name FROM _prisma_migrations
               WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`;
  if (provider === "sqlite") {
    const db = new Database(url.replace(/^file:/, ""), { readonly: true });
    try {
      return (db.prepare(sql).all() as { migration_name: string }[]).map((r) => r.migration_name);
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ migration_name: string }>(sql)).rows.map((r) => r.migration_name);
  } finally {
    await client.end();
  }
}

describe(`prisma CLI on an empty ${provider} database`, () => {
  let url = "";
  let cleanup = async () => {};
  const committed = readdirSync(join(ROOT, migrationsDir), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();

  beforeAll(async () => {
    if (provider === "sqlite") {
      const dir = mkdtempSync(join(tmpdir(), "vitals-cli-"));
      url = `file:${join(dir, "scratch.db")}`; // does not exist yet: `migrate deploy` creates it
      cleanup = async () => rmSync(dir, { recursive: true, force: true });
    } else {
      const name = scratchName("vitals_cli");
      url = await createPgDatabase(name);
      cleanup = () => dropPgDatabase(name);
    }
  }, TIMEOUT);

  afterAll(() => cleanup(), TIMEOUT);

  it("has committed migrations to test", () => {
    expect(committed.length).toBeGreaterThan(0);
  });

  it("applies every committed migration with `migrate deploy`", { timeout: TIMEOUT }, async () => {
    const run = await prismaCli(url, ["migrate", "deploy"]);
    expect(run.code, run.output).toBe(0);
    expect(await appliedMigrations(url)).toEqual(committed);
  });

  it("reports the database up to date with `migrate status`", { timeout: TIMEOUT }, async () => {
    const run = await prismaCli(url, ["migrate", "status"]);
    expect(run.code, run.output).toBe(0);
    expect(run.output).toContain("Database schema is up to date");
  });

  it("finds no drift between the migrations and the schema", { timeout: TIMEOUT }, async () => {
    // replays the migrations on a shadow database and compares with prisma/models.prisma
    const run = await prismaCli(url, ["migrate", "diff", "--from-migrations", migrationsDir, "--to-schema", schemaFile, "--exit-code"]);
    expect(run.code, run.output).toBe(0); // 2 = the migrations do not produce the schema
  });

  it("finds no drift between the migrated database and the schema", { timeout: TIMEOUT }, async () => {
    // introspects the live database (the other half of the engine's work)
    const run = await prismaCli(url, ["migrate", "diff", "--from-config-datasource", "--to-schema", schemaFile, "--exit-code"]);
    expect(run.code, run.output).toBe(0);
  });
});
