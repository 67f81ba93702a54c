import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { migrateDatabase } from "@/lib/db/migrate.ts";
import { createPgDatabase, dropPgDatabase, scratchName } from "./postgres-admin.ts";

declare module "vitest" {
  export interface ProvidedContext {
    templateDb: { kind: "sqlite"; path: string } | { kind: "postgres"; name: string };
  }
}

// Migrates one template database per run; each suite then copies it (lib/testing/test-db.ts), which costs
// milliseconds instead of a migration per suite. The migration path itself is tested from scratch in
// lib/db/prisma-cli.int.test.ts.
export default async function setup(project: TestProject) {
  // The project's `env` reaches the test workers, not this process: ask the project which database it tests.
  const kind = project.config.env?.VITALS_TEST_DB === "postgres" ? "postgres" : "sqlite";
  if (kind === "sqlite") {
    const dir = await mkdtemp(join(tmpdir(), "vitals-tpl-"));
    const path = join(dir, "template.db");
    await migrateDatabase(`file:${path}`);
    project.provide("templateDb", { kind, path });
    return () => rm(dir, { recursive: true, force: true });
  }
  const name = scratchName("vitals_tpl");
  const url = await createPgDatabase(name);
  await migrateDatabase(url);
  project.provide("templateDb", { kind, name });
  return () => dropPgDatabase(name);
}
