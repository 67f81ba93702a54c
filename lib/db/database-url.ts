// Which database the process talks to. SQLite (a file under data/) unless DATABASE_URL names PostgreSQL.
// Shared by the runtime client, the CLI and the scripts so they can never disagree.

export const DEFAULT_DATABASE_URL = "file:./data/vitals.db";

export type Provider = "sqlite" | "postgres";

export function databaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  const url = env.DATABASE_URL?.trim();
  return url ? url : DEFAULT_DATABASE_URL;
}

export function providerOf(url: string): Provider {
  if (/^postgres(ql)?:\/\//i.test(url)) return "postgres";
  if (url.startsWith("file:")) return "sqlite";
  throw new Error(
    `DATABASE_URL must start with file: (SQLite) or postgresql:// (PostgreSQL); got "${url.slice(0, 24)}…"`,
  );
}
