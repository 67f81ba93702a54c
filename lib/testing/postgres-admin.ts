import pg from "pg";

// Creating and dropping scratch PostgreSQL databases for the integration suites. Every suite makes its own
// and drops it; nothing relies on a previous run's state.

export const PG_ADMIN_URL = process.env.VITALS_TEST_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

export function scratchName(prefix: string): string {
  return `${prefix}_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
}

export function urlForDatabase(name: string): string {
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const IDENT = /^[a-z0-9_]+$/;

export async function createPgDatabase(name: string, template?: string): Promise<string> {
  if (!IDENT.test(name) || (template && !IDENT.test(template))) throw new Error(`bad database name ${name}`);
  await admin((c) => c.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ""}`));
  return urlForDatabase(name);
}

export async function dropPgDatabase(name: string): Promise<void> {
  if (!IDENT.test(name)) throw new Error(`bad database name ${name}`);
  await admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}
