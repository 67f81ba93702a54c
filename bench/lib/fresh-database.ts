import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createPgDatabase, dropPgDatabase, scratchName } from "@/lib/testing/postgres-admin.ts";

/** An empty database for one bench run (not migrated): a SQLite file in a temp dir, or a scratch PostgreSQL database. */
export async function freshDatabase(provider: "sqlite" | "postgres", prefix: string): Promise<{ url: string; drop: () => Promise<void> }> {
  if (provider === "postgres") {
    const name = scratchName(prefix);
    const url = await createPgDatabase(name);
    return { url, drop: () => dropPgDatabase(name) };
  }
  const dir = await mkdtemp(join(tmpdir(), `${prefix.replaceAll("_", "-")}-`));
  return { url: `file:${join(dir, "bench.db")}`, drop: () => rm(dir, { recursive: true, force: true }) };
}
