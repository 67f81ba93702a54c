// Driver adapter factories for the WASM schema engine, one per database, with the workarounds the engine
// needs on top of the stock Prisma adapters; plus the two `cli` commands the Prisma CLI runs outside JSON-RPC
// (can-connect-to-database, create-database).
import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import Database from "better-sqlite3";
import pg from "pg";

const require = createRequire(import.meta.url);
// pg's own URL parser (sslmode, unix sockets, percent-encoding), resolved next to pg rather than hoisted.
const { parse: parsePgUrl } = createRequire(require.resolve("pg"))("pg-connection-string");

/** An error the CLI shows with its Prisma error code (P1001 …). */
export class UserFacingError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

export function providerOfUrl(url) {
  if (/^file:/i.test(url)) return "sqlite";
  if (/^postgres(ql)?:\/\//i.test(url)) return "postgres";
  throw new UserFacingError("P1013", `The stand-in schema engine supports file: and postgres:// URLs, not "${url.split(":")[0]}:".`);
}

/** A driver adapter factory (SqlMigrationAwareDriverAdapterFactory) for a datasource URL. */
export function adapterFactoryFor(url) {
  return providerOfUrl(url) === "sqlite" ? new SqliteFactory(sqlitePath(url)) : new PostgresFactory(url);
}

/** `cli can-connect-to-database`: resolves, or throws (UserFacingError P1003 when the database is missing). */
export async function canConnect(url) {
  if (providerOfUrl(url) === "sqlite") {
    const file = sqlitePath(url);
    if (!existsSync(file)) throw new UserFacingError("P1003", `Database \`${path.basename(file)}\` does not exist at \`${file}\``);
    new Database(file, { fileMustExist: true }).close();
    return;
  }
  const config = pgConfig(url);
  const client = new pg.Client(config);
  try {
    await client.connect();
  } catch (e) {
    throw pgConnectError(e, config);
  } finally {
    await client.end().catch(() => {});
  }
}

/** `cli create-database` and the createDatabase RPC; returns the database name. */
export async function createDatabase(url) {
  if (providerOfUrl(url) === "sqlite") {
    const file = sqlitePath(url);
    mkdirSync(path.dirname(file), { recursive: true });
    new Database(file).close();
    return path.basename(file);
  }
  const config = pgConfig(url);
  await withPgAdmin(config, (admin) => admin.query(`CREATE DATABASE ${quoteIdent(config.database)}`));
  return config.database;
}

// ─── SQLite ──────────────────────────────────────────────────────────────────────────────────────────

/** file:./data/x.db?… → absolute path; relative paths resolve against the working directory (the project). */
function sqlitePath(url) {
  const file = decodeURIComponent(url.replace(/^file:/i, "").replace(/\?.*$/, ""));
  return file === ":memory:" ? file : path.resolve(file);
}

class SqliteFactory {
  constructor(file) {
    this.inner = new PrismaBetterSqlite3({ url: file }); // its shadow database is ":memory:"
    this.provider = this.inner.provider;
    this.adapterName = this.inner.adapterName;
  }
  async connect() {
    return acceptMultiStatementSql(await this.inner.connect());
  }
  async connectToShadowDb() {
    return acceptMultiStatementSql(await this.inner.connectToShadowDb());
  }
}

// The engine replays migration scripts on the shadow database through queryRaw/executeRaw, but a
// better-sqlite3 prepared statement holds exactly one statement ("The supplied SQL string contains more than
// one statement"). Run such parameterless scripts with Database#exec instead, which runs them all.
function acceptMultiStatementSql(queryable) {
  const db = queryable.client; // the better-sqlite3 Database
  for (const method of ["queryRaw", "executeRaw"]) {
    const original = queryable[method].bind(queryable);
    queryable[method] = async (query) => {
      try {
        return await original(query);
      } catch (e) {
        const multi = e instanceof RangeError && /more than one statement/.test(e.message);
        if (!multi || query.args.length > 0) throw e;
        db.exec(query.sql);
        return method === "executeRaw" ? 0 : { columnNames: [], columnTypes: [], rows: [] };
      }
    };
  }
  if (queryable.startTransaction) {
    const start = queryable.startTransaction.bind(queryable);
    queryable.startTransaction = async (...args) => acceptMultiStatementSql(await start(...args));
  }
  return queryable;
}

/**
 * `migrate reset` (and `db push --force-reset`) on SQLite. The native engine deletes the file; the WASM
 * engine's reset returns without doing anything, leaving every table behind. Drop every schema object.
 */
export async function resetSqlite(factory) {
  const adapter = await factory.connect();
  const db = adapter.client;
  try {
    db.pragma("foreign_keys = OFF");
    const objects = db
      .prepare(`SELECT type, name FROM sqlite_master WHERE type IN ('view', 'trigger', 'table') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'`)
      .all();
    const order = { view: 0, trigger: 1, table: 2 }; // views and triggers may refer to tables
    objects.sort((a, b) => order[a.type] - order[b.type]);
    db.transaction(() => {
      for (const { type, name } of objects) db.exec(`DROP ${type.toUpperCase()} IF EXISTS ${quoteIdent(name)}`);
    })();
    db.exec("VACUUM");
  } finally {
    await adapter.dispose();
  }
}

// ─── PostgreSQL ──────────────────────────────────────────────────────────────────────────────────────

// adapter-pg cannot decode pg_catalog's internal one-byte `"char"` type (OID 18: pg_class.relkind,
// pg_constraint.contype …), which the engine's introspection selects: "Unsupported column type". Its text
// form is a plain string, so report such columns as `text` (OID 25) before adapter-pg looks at them.
// (This process only runs the schema engine, so patching pg here affects nothing else.)
const addFields = pg.Result.prototype.addFields;
pg.Result.prototype.addFields = function (fieldDescriptions) {
  for (const field of fieldDescriptions) if (field.dataTypeID === 18) field.dataTypeID = 25;
  return addFields.call(this, fieldDescriptions);
};

/** Discrete connection fields (host, port, user, password, database, ssl …) of a postgres:// URL. */
function pgConfig(url) {
  const { schema, ...parsed } = parsePgUrl(url);
  // Prisma's `?schema=` would need a search_path and CREATE SCHEMA here; the app uses the default schema.
  if (schema && schema !== "public") {
    throw new UserFacingError("P1013", 'The stand-in schema engine supports only the default "public" schema: drop ?schema= from the URL.');
  }
  const config = Object.fromEntries(Object.entries(parsed).filter(([, v]) => v !== undefined && v !== null));
  if (config.port) config.port = Number(config.port);
  config.database ??= "postgres";
  return config;
}

class PostgresFactory {
  constructor(url) {
    this.config = pgConfig(url);
    this.inner = new PrismaPg(this.config);
    this.provider = this.inner.provider;
    this.adapterName = this.inner.adapterName;
  }
  connect() {
    return this.inner.connect();
  }
  // adapter-pg's own connectToShadowDb passes on a connection string, which overrides the shadow database's
  // name, and drops the shadow database while its pool still holds connections to it. Instead: a fresh
  // database, a pool from discrete fields, and DROP … WITH (FORCE) when the engine disposes of it.
  async connectToShadowDb() {
    const database = `prisma_migrate_shadow_db_${randomUUID()}`;
    await withPgAdmin(this.config, (admin) => admin.query(`CREATE DATABASE ${quoteIdent(database)}`));
    const adapter = await new PrismaPg({ ...this.config, database }).connect();
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await dispose();
      await withPgAdmin(this.config, (admin) => admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(database)} WITH (FORCE)`));
    };
    return adapter;
  }
}

/** Runs `work` with a client on the configured database, or on `postgres` when that one does not exist. */
async function withPgAdmin(config, work) {
  let lastError;
  for (const database of new Set([config.database, "postgres"])) {
    const client = new pg.Client({ ...config, database });
    try {
      await client.connect();
    } catch (e) {
      lastError = e;
      await client.end().catch(() => {});
      if (e.code === "3D000") continue; // no such database (yet): try the maintenance database
      throw pgConnectError(e, config);
    }
    try {
      return await work(client);
    } finally {
      await client.end().catch(() => {});
    }
  }
  throw pgConnectError(lastError, config);
}

function pgConnectError(e, config) {
  const at = `${config.host ?? "localhost"}:${config.port ?? 5432}`;
  if (e.code === "3D000") return new UserFacingError("P1003", `Database \`${config.database}\` does not exist on the database server at \`${at}\`.`);
  if (e.code === "28P01" || e.code === "28000") return new UserFacingError("P1000", `Authentication failed against database server at \`${at}\`: ${e.message}`);
  if (["ECONNREFUSED", "ENOTFOUND", "EHOSTUNREACH", "ETIMEDOUT", "ECONNRESET"].includes(e.code)) {
    return new UserFacingError("P1001", `Can't reach database server at \`${at}\` (${e.code}).`);
  }
  return e;
}

function quoteIdent(name) {
  return `"${String(name).replaceAll('"', '""')}"`;
}
