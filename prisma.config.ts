// Prisma CLI configuration. Run the CLI through `node scripts/prisma.mjs …`, which supplies the schema engine.
//
// One schema folder per database, generated from prisma/models.prisma by scripts/prisma-schemas.mjs:
//   prisma/sqlite/    schema.prisma + migrations/   DATABASE_URL unset (file:./data/vitals.db) or file:…
//   prisma/postgres/  schema.prisma + migrations/   DATABASE_URL postgres://… or postgresql://…
// VITALS_PRISMA_PROVIDER=sqlite|postgres overrides the choice (`generate --all` builds both clients that way).
// Prisma 7 does not read .env: export DATABASE_URL in the shell.
import { defineConfig } from "prisma/config";

const DEFAULT_SQLITE_URL = "file:./data/vitals.db";

const isPostgresUrl = (url: string | undefined): url is string => !!url && /^postgres(ql)?:\/\//i.test(url);
const url = process.env.DATABASE_URL?.trim() || undefined;

const forced = process.env.VITALS_PRISMA_PROVIDER?.trim() || undefined;
if (forced !== undefined && forced !== "sqlite" && forced !== "postgres") {
  throw new Error(`VITALS_PRISMA_PROVIDER must be "sqlite" or "postgres", not "${forced}"`);
}
const provider = forced ?? (isPostgresUrl(url) ? "postgres" : "sqlite");

// Only a URL of the chosen kind reaches the CLI: with VITALS_PRISMA_PROVIDER=postgres and a SQLite URL,
// migrate commands fail with "datasource.url is required" instead of running PostgreSQL SQL on SQLite.
const datasourceUrl = provider === "postgres" ? (isPostgresUrl(url) ? url : undefined) : isPostgresUrl(url) ? undefined : (url ?? DEFAULT_SQLITE_URL);

export default defineConfig({
  schema: `prisma/${provider}/schema.prisma`,
  migrations: { path: `prisma/${provider}/migrations` },
  ...(datasourceUrl ? { datasource: { url: datasourceUrl } } : {}),
});
