#!/usr/bin/env node
// Runs the project's pinned Prisma CLI (node_modules/prisma) with a working schema engine:
//   node scripts/prisma.mjs <prisma args…>       e.g. migrate deploy | migrate status | migrate diff … | db push
//   node scripts/prisma.mjs generate --all       generates both clients (lib/db/generated/{sqlite,postgres})
//   node scripts/prisma.mjs migrate-new <name>   creates the next migration for BOTH databases (see below)
// Exits with prisma's exit code. Regenerates prisma/{sqlite,postgres}/schema.prisma from prisma/models.prisma
// first when that changed.
//
// Which database: prisma.config.ts picks prisma/postgres or prisma/sqlite from DATABASE_URL (postgres:// →
// PostgreSQL, anything else SQLite; default file:./data/vitals.db); VITALS_PRISMA_PROVIDER=sqlite|postgres
// overrides. Prisma 7 does not read .env: export DATABASE_URL in the shell.
//
// Schema engine: the native `schema-engine` binary in node_modules/@prisma/engines when the install could
// download it; otherwise the stand-in scripts/schema-engine/schema-engine.mjs (the same engine compiled to
// WebAssembly). An explicit PRISMA_SCHEMA_ENGINE_BINARY wins over both.
//
// Changing the models:
//   1. edit prisma/models.prisma
//   2. node scripts/prisma.mjs migrate-new <snake_case_name>
//      writes prisma/sqlite/migrations/<UTC timestamp>_<name>/migration.sql and the same folder under
//      prisma/postgres/migrations: per database `migrate diff --from-migrations <dir> --to-schema <schema>
//      --script`, the SQL `migrate dev --create-only` would write, without touching any dev database. Nothing is
//      written unless both diffs succeed. SQLite replays the migrations in memory; PostgreSQL needs a server for
//      a throwaway shadow database (created, then dropped): DATABASE_URL when it is a postgres URL, else
//      VITALS_TEST_PG_URL, else postgresql://postgres@127.0.0.1:5432/postgres.
//   3. review both migration.sql files, `npm run db:generate`, commit models.prisma and both migrations.
import { spawnSync } from "node:child_process";
import { accessSync, chmodSync, constants, existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PROVIDERS, writeSchemas } from "./prisma-schemas.mjs";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const require = createRequire(path.join(ROOT, "package.json"));
const PRISMA_CLI = path.join(path.dirname(require.resolve("prisma/package.json")), "build/index.js");
const STAND_IN = path.join(ROOT, "scripts/schema-engine/schema-engine.mjs");
const DEFAULT_PG_SERVER = "postgresql://postgres@127.0.0.1:5432/postgres";

function schemaEngineBinary() {
  if (process.env.PRISMA_SCHEMA_ENGINE_BINARY) return process.env.PRISMA_SCHEMA_ENGINE_BINARY;
  // @prisma/engines' postinstall downloads schema-engine-<binary target> next to its package.json.
  const engines = path.dirname(createRequire(PRISMA_CLI).resolve("@prisma/engines/package.json"));
  const native = readdirSync(engines).find((file) => /^schema-engine-[\w.-]+$/.test(file) && !/\.(gz|sha256|sig)$/.test(file));
  if (native && statSync(path.join(engines, native)).size > 0) return path.join(engines, native);
  // The CLI spawns the stand-in itself, so it must be executable. git keeps the bit; an archive or a checkout
  // with core.fileMode=false may not.
  try {
    accessSync(STAND_IN, constants.X_OK);
  } catch {
    chmodSync(STAND_IN, 0o755);
  }
  return STAND_IN;
}

/** Runs the Prisma CLI with `env` added to the environment; returns its exit code (and stdout if captured). */
function prisma(args, env = {}, { captureStdout = false } = {}) {
  const result = spawnSync(process.execPath, [PRISMA_CLI, ...args], {
    cwd: ROOT,
    stdio: captureStdout ? ["inherit", "pipe", "inherit"] : "inherit",
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    env: {
      ...process.env,
      CHECKPOINT_DISABLE: "1", // no update check (and no network)
      PRISMA_HIDE_UPDATE_MESSAGE: "1",
      PRISMA_SCHEMA_ENGINE_BINARY: schemaEngineBinary(),
      // the stand-in's `#!/usr/bin/env node` must find this very node, even when it is not on PATH
      PATH: [path.dirname(process.execPath), process.env.PATH].filter(Boolean).join(path.delimiter),
      ...env,
    },
  });
  if (result.error) throw result.error;
  return { code: result.status ?? 1, stdout: result.stdout ?? "" };
}

function generateAll(extraArgs) {
  for (const provider of Object.keys(PROVIDERS)) {
    const { code } = prisma(["generate", "--no-hints", ...extraArgs], { VITALS_PRISMA_PROVIDER: provider });
    if (code !== 0) return code;
  }
  return 0;
}

function migrateNew(name) {
  if (!name || !/^[A-Za-z0-9_]+$/.test(name)) {
    console.error("usage: node scripts/prisma.mjs migrate-new <name>   (letters, digits and _)");
    return 1;
  }
  const folder = `${new Date().toISOString().replace(/\D/g, "").slice(0, 14)}_${name}`; // YYYYMMDDHHMMSS (UTC), like Prisma
  const pgServer = [process.env.DATABASE_URL, process.env.VITALS_TEST_PG_URL].find((u) => /^postgres(ql)?:\/\//.test(u ?? ""));
  const scripts = [];
  for (const [provider, prismaProvider] of Object.entries(PROVIDERS)) {
    const dir = path.join(ROOT, "prisma", provider, "migrations");
    // The lock file names the database; the WASM engine cannot read a migrations directory without it.
    if (!existsSync(path.join(dir, "migration_lock.toml"))) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(
        path.join(dir, "migration_lock.toml"),
        `# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "${prismaProvider}"\n`,
      );
    }
    const env = { VITALS_PRISMA_PROVIDER: provider, DATABASE_URL: provider === "postgres" ? (pgServer ?? DEFAULT_PG_SERVER) : "file::memory:" };
    const args = ["migrate", "diff", "--from-migrations", dir, "--to-schema", `prisma/${provider}/schema.prisma`, "--script", "--exit-code"];
    const { code, stdout } = prisma(args, env, { captureStdout: true });
    if (code === 0) console.log(`${provider}: the migrations already produce the schema; no migration needed`);
    else if (code === 2) scripts.push({ provider, file: path.join(dir, folder, "migration.sql"), sql: stdout.endsWith("\n") ? stdout : `${stdout}\n` });
    else return code; // prisma printed the error; nothing written
  }
  for (const { provider, file, sql } of scripts) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, sql);
    console.log(`${provider}: wrote ${path.relative(ROOT, file)}`);
  }
  return 0;
}

writeSchemas({ quiet: true });

const args = process.argv.slice(2);
let code;
if (args[0] === "generate" && args.includes("--all")) code = generateAll(args.slice(1).filter((arg) => arg !== "--all"));
else if (args[0] === "migrate-new") code = migrateNew(args[1]);
else code = prisma(args).code;
process.exit(code);
