#!/usr/bin/env node
// Stand-in for Prisma's native `schema-engine` binary, for installs where @prisma/engines could not download
// it (no access to binaries.prisma.sh). scripts/prisma.mjs points PRISMA_SCHEMA_ENGINE_BINARY here only when
// the native binary is missing.
//
// The Prisma CLI runs the engine in three ways (node_modules/prisma/build/cli.js: class SchemaEngine and the
// functions around "can-connect-to-database"):
//   schema-engine [--datamodels <schema.prisma>]… [--datasource '{"url":…}'] [--enabled-preview-features …]
//       then JSON-RPC 2.0 over stdio, one JSON object per line: requests {id, method, params} from the CLI,
//       answers {id, result} or {id, error}; the engine may send the CLI a "print" request of its own;
//   schema-engine --datasource '{"url":…}' cli can-connect-to-database | create-database
//       exit 0 on success; on failure exit 1, stderr = a first line the CLI skips, then a JSON log line
//       {level: "ERROR", fields: {error_code, message}};
//   schema-engine --version   (`prisma version`)
// Each RPC is forwarded to the same engine compiled to WebAssembly (@prisma/schema-engine-wasm, pinned to the
// version matching prisma), which reaches the database through a Prisma driver adapter (./adapters.mjs).
// Where the WASM engine behaves differently from the native one, the difference is handled here and commented.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import readline from "node:readline";
import { UserFacingError, adapterFactoryFor, canConnect, createDatabase, providerOfUrl, resetSqlite } from "./adapters.mjs";

const require = createRequire(import.meta.url);
// the adapters' own copy of the adapter utilities, not whatever happens to be hoisted
const { bindMigrationAwareSqlAdapterFactory } = await import(
  createRequire(require.resolve("@prisma/adapter-pg")).resolve("@prisma/driver-adapter-utils")
);

// ─── arguments ───────────────────────────────────────────────────────────────────────────────────────

const args = { datamodels: [], datasource: undefined, cli: undefined, version: false };
for (let argv = process.argv.slice(2), i = 0; i < argv.length; i++) {
  const [flag, inline] = argv[i].split(/=(.*)/s);
  const value = () => inline ?? argv[++i];
  if (flag === "--datamodels") args.datamodels.push(value());
  else if (flag === "--datasource") args.datasource = JSON.parse(value());
  else if (flag === "--enabled-preview-features" || flag === "--extension-types") value(); // unused
  else if (flag === "--version" || flag === "-V") args.version = true;
  else if (flag === "cli") args.cli = argv[++i];
  else fail(`unknown argument ${argv[i]}`);
}

const datamodels = args.datamodels.map((file) => [file, readFileSync(file, "utf8")]);
const url = args.datasource?.url;

// `migrate diff` starts the engine without --datamodels, and a config may have no URL (generate-only): fail
// only when something needs the database.
function databaseUrl() {
  if (url) return url;
  throw new UserFacingError("P1012", "The datasource.url property is required in prisma.config.ts for this command.");
}

function provider() {
  if (url) return providerOfUrl(url);
  const declared = datamodels.map(([, text]) => /provider\s*=\s*"(sqlite|postgresql)"/.exec(text)?.[1]).find(Boolean);
  return declared === "postgresql" ? "postgres" : "sqlite";
}

// ─── WASM engine ─────────────────────────────────────────────────────────────────────────────────────

// The package's entry imports the .wasm file as an ES module, which Node 20 cannot do without a flag:
// instantiate it here and hand its exports to the wasm-bindgen glue, as the entry would. Once per process.
let wasmPromise;
function loadWasm() {
  wasmPromise ??= (async () => {
    // Rust panics leave their message here (the Prisma CLI defines the same global).
    globalThis.PRISMA_WASM_PANIC_REGISTRY ??= {
      message: "",
      set_message(message) {
        this.message = message;
      },
    };
    const glue = await import("@prisma/schema-engine-wasm/schema_engine_bg");
    const wasmFile = require.resolve("@prisma/schema-engine-wasm").replace(/schema_engine\.js$/, "schema_engine_bg.wasm");
    const { instance } = await WebAssembly.instantiate(readFileSync(wasmFile), { "./schema_engine_bg.js": glue });
    glue.__wbg_set_wasm(instance.exports);
    instance.exports.__wbindgen_start();
    return glue;
  })();
  return wasmPromise;
}

/** A WASM engine over a fresh adapter factory; `close()` frees it and closes every connection it opened. */
async function startEngine() {
  const inner = url ? adapterFactoryFor(url) : unconnectedFactory(provider());
  const open = new Set();
  const tracked = (connect) => async () => {
    const adapter = await connect();
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = () => (open.delete(adapter), dispose());
    open.add(adapter);
    return adapter;
  };
  const factory = {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: tracked(() => inner.connect()),
    connectToShadowDb: tracked(() => inner.connectToShadowDb()),
  };
  const { SchemaEngine } = await loadWasm();
  const log = (line) => process.stderr.write(line.endsWith("\n") ? line : `${line}\n`); // JSON lines, like the native engine
  const options = { datamodels: datamodels.length ? datamodels : undefined };
  const engine = await SchemaEngine.new(options, log, bindMigrationAwareSqlAdapterFactory(factory));
  const close = async () => {
    engine.free();
    for (const adapter of open) await adapter.dispose();
  };
  return { engine, factory, close };
}

function unconnectedFactory(provider) {
  const refuse = async () => databaseUrl();
  const adapterName = `@prisma/adapter-${provider === "sqlite" ? "better-sqlite3" : "pg"}`;
  return { provider, adapterName, connect: refuse, connectToShadowDb: refuse };
}

// One engine per RPC call: no connection (nor SQLite lock) outlives the call that opened it, and nothing
// carries over from one call to the next except what `forward` sets up on purpose. An engine costs a few ms.
async function withEngine(work) {
  const { engine, factory, close } = await startEngine();
  try {
    return await work(engine, factory);
  } finally {
    await close();
  }
}

// ─── RPC methods ─────────────────────────────────────────────────────────────────────────────────────

const noFilter = { externalTables: [], externalEnums: [] };
const emptyMigrations = {
  baseDir: ".",
  lockfile: { path: "migration_lock.toml", content: null },
  shadowDbInitScript: "",
  migrationDirectories: [],
};

function isMissingMigrationsTable(e) {
  return e?.code === "P1014" && /_prisma_migrations/.test(e.message);
}

// `migrate dev`, `migrate resolve --applied` …: where the native engine creates `_prisma_migrations` on the
// fly, the WASM engine fails with P1014. Create it first, the engine's own way: applying an empty list of
// migrations does exactly that.
const needMigrationsTable = new Set(["devDiagnostic", "diagnoseMigrationHistory", "evaluateDataLoss", "markMigrationApplied"]);
let migrationsTableReady = false;
async function ensureMigrationsTable() {
  if (migrationsTableReady) return;
  await withEngine(async (engine) => {
    try {
      await engine.diagnoseMigrationHistory({ migrationsList: emptyMigrations, optInToShadowDatabase: false, filters: noFilter });
    } catch (e) {
      if (!isMissingMigrationsTable(e)) throw e;
      await engine.applyMigrations({ migrationsList: emptyMigrations, filters: noFilter });
    }
  });
  migrationsTableReady = true;
}

// evaluateDataLoss and createMigration (`migrate dev`) take the schema "after all migrations" from a cache that
// only diagnoseMigrationHistory/devDiagnostic fill, keyed by the migrations *applied* at that time; on a miss
// the WASM engine has no shadow database to compute it ("SQLite shadow DB must be provided through an external
// factory"). The CLI applies pending migrations just before these calls: fill the cache in the same engine.
const needShadowSchemaCache = new Set(["evaluateDataLoss", "createMigration"]);

async function forward(method, params) {
  const diagnoseOnly = method === "diagnoseMigrationHistory" && !params.optInToShadowDatabase;
  if (needMigrationsTable.has(method) && !diagnoseOnly) await ensureMigrationsTable();
  return withEngine(async (engine) => {
    if (typeof engine[method] !== "function") throw new Error(`The stand-in schema engine does not implement "${method}".`);
    if (needShadowSchemaCache.has(method)) {
      const { migrationsList, filters = noFilter } = params;
      await engine.diagnoseMigrationHistory({ migrationsList, optInToShadowDatabase: true, filters });
    }
    return engine[method](params);
  });
}

// Methods that need more than `forward`.
const special = {
  getDatabaseVersion: () => withEngine((engine) => engine.version()),

  createDatabase: async ({ datasource }) => ({
    databaseName: await createDatabase(datasource?.tag === "ConnectionString" ? datasource.url : databaseUrl()),
  }),

  // The WASM engine's reset does nothing on SQLite (see resetSqlite).
  reset: (params) => withEngine((engine, factory) => (provider() === "sqlite" ? resetSqlite(factory) : engine.reset(params))),

  // The native engine does not return the diff: it sends the CLI a "print" request, which the CLI writes to
  // stdout (or to --output). The WASM engine returns it as `stdout`: print it the native way.
  diff: async (params) => {
    const result = await forward("diff", params);
    if (result.stdout != null) {
      await send({ jsonrpc: "2.0", id: `print-${++printCount}`, method: "print", params: { content: result.stdout.replace(/\n$/, "") } });
    }
    return { ...result, stdout: null };
  },

  // `migrate status`/`deploy` on a database without `_prisma_migrations`: where the native engine reports "no
  // migrations table, every migration unapplied", the WASM engine fails with P1014. Answer the native way,
  // without creating the table, so that `status` stays read-only.
  diagnoseMigrationHistory: async (params) => {
    if (params.optInToShadowDatabase) return forward("diagnoseMigrationHistory", params);
    try {
      return await withEngine((engine) => engine.diagnoseMigrationHistory(params));
    } catch (e) {
      if (!isMissingMigrationsTable(e)) throw e;
      const names = params.migrationsList.migrationDirectories.map((directory) => directory.path);
      return {
        editedMigrationNames: [],
        failedMigrationNames: [],
        hasMigrationsTable: false,
        history: names.length ? { diagnostic: "databaseIsBehind", unappliedMigrationNames: names } : null,
      };
    }
  },
};

// A JSON-RPC error in the native engine's shape: the CLI shows data.message and branches on data.error_code.
function rpcError(e) {
  const isPanic = e instanceof WebAssembly.RuntimeError;
  const message = isPanic ? globalThis.PRISMA_WASM_PANIC_REGISTRY?.message || e.message : e instanceof Error ? e.message : String(e);
  const errorCode = typeof e?.code === "string" && /^P\d{4}$/.test(e.code) ? { error_code: e.code } : {};
  return {
    code: 4466,
    message: "An error happened. Check the data field for details.",
    data: { is_panic: isPanic, message, ...errorCode, meta: e?.meta ?? null },
  };
}

// ─── main ────────────────────────────────────────────────────────────────────────────────────────────

function fail(message, errorCode) {
  const log = (level, fields) => JSON.stringify({ timestamp: new Date().toISOString(), level, fields, target: "schema_engine::logger" });
  const fields = { is_panic: false, message, ...(errorCode ? { error_code: errorCode } : {}) };
  // The CLI skips the first stderr line (the native engine's start-up line) and parses the others as JSON.
  process.stderr.write(`${log("INFO", { message: "Starting schema engine CLI (WASM stand-in)" })}\n${log("ERROR", fields)}\n`);
  process.exit(1);
}

if (args.version) {
  console.log(`schema-engine-cli ${(await loadWasm()).version()}`);
  process.exit(0);
}

if (args.cli) {
  try {
    if (args.cli === "can-connect-to-database") await canConnect(databaseUrl());
    else if (args.cli === "create-database") console.log(`Database '${await createDatabase(databaseUrl())}' was successfully created.`);
    else fail(`The stand-in schema engine does not implement \`cli ${args.cli}\`.`);
  } catch (e) {
    fail(e.message, /^P\d{4}$/.test(e.code ?? "") ? e.code : undefined);
  }
  process.exit(0);
}

let printCount = 0;
const send = (message) => new Promise((resolve) => process.stdout.write(`${JSON.stringify(message)}\n`, resolve));

let queue = Promise.resolve(); // one call at a time, in order, like the native engine
readline
  .createInterface({ input: process.stdin, crlfDelay: Infinity })
  .on("line", (line) => {
    queue = queue.then(async () => {
      let request;
      try {
        request = JSON.parse(line);
      } catch {
        return;
      }
      if (request.id === undefined || typeof request.method !== "string") return; // e.g. the CLI's reply to "print"
      try {
        const method = special[request.method] ?? ((params) => forward(request.method, params));
        const result = await method(request.params ?? {});
        await send({ jsonrpc: "2.0", id: request.id, result: result ?? null });
      } catch (e) {
        await send({ jsonrpc: "2.0", id: request.id, error: rpcError(e) });
        if (e instanceof WebAssembly.RuntimeError) process.exit(101); // a panicked WASM instance is unusable
      }
    });
  })
  .on("close", () => queue.then(() => process.exit(0)));
