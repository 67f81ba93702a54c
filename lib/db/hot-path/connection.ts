import Database from "better-sqlite3";
import pg from "pg";
import { databaseUrl, providerOf } from "../database-url.ts";
import { placeholders } from "./codec.ts";
import { PgStore } from "./pg-store.ts";
import { runAsync, runSync, type Script } from "./script.ts";
import { SqliteStore } from "./sqlite-store.ts";

// The hot path's own connection, beside Prisma's: the ingest transaction goes straight to the driver, because
// Prisma's raw-query path (a new prepared statement and a per-parameter conversion for every call, plus its
// query engine) cost more than the work itself. One per process and DATABASE_URL, opened on first use;
// closeDb and switchDatabase (client.ts) close it.

type Connection =
  | { url: string; kind: "sqlite"; db: Database.Database; store: SqliteStore; statements: Map<string, Database.Statement> }
  | { url: string; kind: "postgres"; pool: pg.Pool };

const globalForHotPath = globalThis as unknown as { vitalsHotPath?: Connection };

/** How long a writer waits for SQLite's write lock before giving up (Prisma's connection waits as long). */
const SQLITE_BUSY_WAIT_MS = 10_000;

function open(url: string): Connection {
  if (providerOf(url) === "postgres") {
    // allowExitOnIdle: an idle pool must not keep a CLI process alive.
    const pool = new pg.Pool({ connectionString: url, allowExitOnIdle: true });
    // An idle client whose server went away (restart, dropped database) is discarded by the pool; without a
    // listener that 'error' event would crash the process. The next checkout reconnects or fails the request.
    pool.on("error", () => {});
    return { url, kind: "postgres", pool };
  }
  // timeout 0: waiting for the write lock happens in runSqlite, asynchronously. better-sqlite3's busy timeout
  // would wait inside a synchronous call, blocking the event loop — and with it a Prisma transaction of this
  // very process that holds the lock and needs the event loop to commit.
  const db = new Database(url.replace(/^file:/, ""), { timeout: 0 });
  // As Prisma's connection (client.ts): WAL, one fsync per checkpoint, foreign keys enforced.
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("foreign_keys = ON");
  // No checkpoint at the end of an ingest commit: copying the WAL into the database file, with its fsyncs, would
  // land on whichever request happened to cross the threshold. The aggregator checkpoints instead, after each
  // round (checkpointHotPath); Prisma's connections keep SQLite's automatic checkpoints as a backstop.
  db.pragma("wal_autocheckpoint = 0");
  // Pages read through a memory map rather than a read() call each, and a 32 MB page cache instead of SQLite's
  // 2 MB: the aggregator's rollup reads and ingest's index lookups stay in memory. (bench:ingest, two A/B pairs:
  // 6 % less CPU per event at 100 events a batch.)
  db.pragma("mmap_size = 268435456");
  db.pragma("cache_size = -32000");
  return { url, kind: "sqlite", db, store: new SqliteStore(db), statements: new Map() };
}

async function close(connection: Connection): Promise<void> {
  if (connection.kind === "sqlite") connection.db.close();
  else await connection.pool.end();
}

function connection(): Connection {
  const url = databaseUrl();
  const current = globalForHotPath.vitalsHotPath;
  if (current?.url === url) return current;
  if (current) void close(current).catch(() => {});
  globalForHotPath.vitalsHotPath = open(url);
  return globalForHotPath.vitalsHotPath;
}

/** Closes the hot path's connection, if open (client.ts calls it from closeDb and switchDatabase). */
export async function closeHotPath(): Promise<void> {
  const current = globalForHotPath.vitalsHotPath;
  globalForHotPath.vitalsHotPath = undefined;
  if (current) await close(current);
}

/** Runs a script in one transaction on the hot path's connection, committed when this resolves. */
export function runInHotTransaction<R>(script: () => Script<R>): Promise<R> {
  const c = connection();
  return c.kind === "sqlite" ? runSqlite(c.db, c.store, script) : runPostgres(c.pool, script);
}

/**
 * Runs a script that only reads, in one read transaction: on SQLite a deferred one, which takes no write lock
 * and sees one snapshot while writers go on (WAL); on PostgreSQL an ordinary transaction.
 */
export function runInHotSnapshot<R>(script: () => Script<R>): Promise<R> {
  const c = connection();
  return c.kind === "sqlite" ? Promise.resolve(c.db.transaction(() => runSync(c.store, script())).deferred()) : runPostgres(c.pool, script);
}

/** A query for either database: `sql` writes bind parameter i (from 1) as `p(i)` (codec.ts placeholders). */
export interface HotQuery {
  /** Names the prepared statement: one text per name. */
  name: string;
  sql: (p: (i: number) => string) => string;
}

/**
 * A read outside any transaction on the hot path's connection, for the lookups every ingest request makes (its
 * key, its services): prepared once per connection, where through Prisma each cost more than the query itself.
 * Columns come back as the driver gives them (SQLite booleans as 0/1).
 */
export async function queryHot<T>(query: HotQuery, params: readonly unknown[]): Promise<T[]> {
  const c = connection();
  if (c.kind === "postgres") {
    return (await c.pool.query<T & pg.QueryResultRow>({ name: query.name, text: query.sql(placeholders("postgres")), values: [...params] })).rows;
  }
  let statement = c.statements.get(query.name);
  if (!statement) c.statements.set(query.name, (statement = c.db.prepare(query.sql(placeholders("sqlite")))));
  return statement.all(...params) as T[];
}

/**
 * SQLite: copies what the WAL holds into the database file without waiting for readers or writers (a PASSIVE
 * checkpoint), so the WAL is reused rather than growing. The aggregator calls it after each round. Returns the
 * WAL's frames and how many of them are now in the database file; PostgreSQL: nothing to do, null.
 */
export function checkpointHotPath(): { walFrames: number; checkpointed: number } | null {
  const c = connection();
  if (c.kind !== "sqlite") return null;
  const [result] = c.db.pragma("wal_checkpoint(PASSIVE)") as { busy: number; log: number; checkpointed: number }[];
  return { walFrames: result!.log, checkpointed: result!.checkpointed };
}

/**
 * BEGIN IMMEDIATE takes the write lock up front, so the transaction cannot fail halfway with SQLITE_BUSY; the
 * whole script then runs synchronously, so nothing else in this process interleaves with it. When another
 * connection holds the lock, BEGIN fails at once with nothing done, and the transaction is retried after a
 * short sleep that leaves the event loop free.
 */
async function runSqlite<R>(db: Database.Database, store: SqliteStore, script: () => Script<R>): Promise<R> {
  const deadline = Date.now() + SQLITE_BUSY_WAIT_MS;
  const transaction = db.transaction(() => runSync(store, script()));
  for (let attempt = 0; ; attempt++) {
    try {
      return transaction.immediate();
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (typeof code !== "string" || !code.startsWith("SQLITE_BUSY") || Date.now() >= deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.min(2 ** attempt, 25)));
    }
  }
}

/** deadlock_detected, serialization_failure: PostgreSQL rolled the transaction back, and it can simply run again. */
const RETRYABLE = new Set(["40P01", "40001"]);
const PG_ATTEMPTS = 3;

/**
 * BEGIN … COMMIT on a pool client. Ingest's own writers take locks in one order (script.ts) and cannot deadlock
 * each other; the retry covers writers that might not, and is safe because a rolled-back attempt left nothing
 * behind (a retried insert stores and folds each event exactly once, as the first attempt would have).
 */
async function runPostgres<R>(pool: pg.Pool, script: () => Script<R>): Promise<R> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await runPostgresOnce(pool, script);
    } catch (error) {
      if (attempt >= PG_ATTEMPTS || !RETRYABLE.has((error as { code?: string }).code ?? "")) throw error;
    }
  }
}

async function runPostgresOnce<R>(pool: pg.Pool, script: () => Script<R>): Promise<R> {
  const client = await pool.connect();
  let broken: Error | undefined;
  // A checked-out client's 'error' event (the server ended the connection) is not the pool's to handle: without
  // a listener it would crash the process. The query in flight fails as well, and that error is the one thrown.
  const onError = (error: Error) => (broken = error);
  client.on("error", onError);
  try {
    await client.query("BEGIN");
    const result = await runAsync(new PgStore(client), script());
    await client.query("COMMIT");
    return result;
  } catch (error) {
    // A failed ROLLBACK means the connection itself is gone: the pool must not hand it out again.
    await client.query("ROLLBACK").catch((rollbackError: Error) => (broken = rollbackError));
    throw error;
  } finally {
    client.off("error", onError);
    client.release(broken);
  }
}
