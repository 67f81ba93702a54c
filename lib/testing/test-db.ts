import { copyFile, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inject } from "vitest";
import { switchDatabase, type Db } from "@/lib/db/client.ts";
import { createPgDatabase, dropPgDatabase, scratchName } from "./postgres-admin.ts";

export interface TestDatabase {
  url: string;
  db: Db;
  provider: "sqlite" | "postgres";
  drop: () => Promise<void>;
}

/**
 * A fresh, migrated database of the provider under test (VITALS_TEST_DB), copied from the run's template,
 * installed as the process's database (getDb() returns it). Call drop() in afterAll.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const template = inject("templateDb");
  const expected = process.env.VITALS_TEST_DB === "postgres" ? "postgres" : "sqlite";
  if (template.kind !== expected) {
    throw new Error(`The template database is ${template.kind} but this project tests ${expected}: check lib/testing/global-setup.ts.`);
  }
  let url: string;
  let remove: () => Promise<void>;
  if (template.kind === "sqlite") {
    const dir = await mkdtemp(join(tmpdir(), "vitals-test-"));
    await copyFile(template.path, join(dir, "test.db"));
    url = `file:${join(dir, "test.db")}`;
    remove = () => rm(dir, { recursive: true, force: true });
  } else {
    const name = scratchName("vitals_test");
    url = await createPgDatabase(name, template.name);
    remove = () => dropPgDatabase(name);
  }
  const db = await switchDatabase(url);
  return {
    url,
    db,
    provider: template.kind,
    drop: async () => {
      await db.$disconnect();
      await remove();
    },
  };
}
