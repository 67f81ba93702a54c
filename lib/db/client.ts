import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as PostgresClient } from "./generated/postgres/client.ts";
import { PrismaClient as SqliteClient } from "./generated/sqlite/client.ts";
import { databaseUrl, providerOf, type Provider } from "./database-url.ts";
import { closeHotPath } from "./hot-path/connection.ts";

// The one Prisma client module. Both generated clients come from the same models (prisma/models.prisma),
// so their query APIs are the same; the SQLite client's type stands for both.

const OMIT = { user: { passwordHash: true }, apiKey: { hash: true } } as const;

function createClient(url: string) {
  if (providerOf(url) === "postgres") {
    const client = new PostgresClient({ adapter: new PrismaPg({ connectionString: url }), omit: OMIT });
    return client as unknown as SqliteClient<never, typeof OMIT>;
  }
  // busy timeout: a write waits for another connection's write (the raw-SQL hot paths open their own).
  return new SqliteClient({ adapter: new PrismaBetterSqlite3({ url, timeout: 10_000 }), omit: OMIT });
}

export type Db = ReturnType<typeof createClient>;
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/**
 * Opens a client for `url` and applies the connection settings: SQLite in WAL mode with synchronous=NORMAL
 * (durable across process crashes, one fsync per checkpoint instead of per commit; NOTES.md measured 189 →
 * 872 requests/s) and foreign keys on.
 */
export async function openDb(url: string): Promise<Db> {
  const client = createClient(url);
  if (providerOf(url) === "sqlite") {
    await client.$queryRawUnsafe("PRAGMA journal_mode = WAL");
    await client.$executeRawUnsafe("PRAGMA synchronous = NORMAL");
    await client.$executeRawUnsafe("PRAGMA foreign_keys = ON");
  }
  return client;
}

const globalForDb = globalThis as unknown as { vitalsDb?: Promise<Db> };

/** The process-wide client for DATABASE_URL (kept on globalThis so dev reloads reuse it). */
export function getDb(): Promise<Db> {
  globalForDb.vitalsDb ??= openDb(databaseUrl());
  return globalForDb.vitalsDb;
}

export function currentProvider(): Provider {
  return providerOf(databaseUrl());
}

/** Closes the process-wide client and the ingest hot path's connection, if opened (CLI exit, tests). */
export async function closeDb(): Promise<void> {
  const db = globalForDb.vitalsDb;
  globalForDb.vitalsDb = undefined;
  await closeHotPath();
  if (db) await (await db).$disconnect();
}

/** Points the process at another database (CLI --database, integration tests) and returns its client. */
export function switchDatabase(url: string): Promise<Db> {
  process.env.DATABASE_URL = url;
  // The hot path would reopen on the new URL by itself; closing now frees the old database at once.
  closeHotPath().catch(() => {});
  globalForDb.vitalsDb = openDb(url);
  return globalForDb.vitalsDb;
}

/** Whether a Prisma error is a unique-constraint violation (P2002): another writer stored the same key first. */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === "P2002";
}
