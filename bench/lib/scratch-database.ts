import { copyFile, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { closeDb, switchDatabase } from "@/lib/db/client.ts";
import { providerOf, type Provider } from "@/lib/db/database-url.ts";
import { migrateDatabase } from "@/lib/db/migrate.ts";
import { DEMO_SERVICES } from "@/lib/domain/demo/index.ts";
import { createApiKeyAsSystem } from "@/lib/services/api-keys/create-api-key.ts";
import { onCleanup } from "./cleanup.ts";

// Two scratch databases with the same migrated schema and services, one for the server under test and one for
// the baseline: SQLite files in a temp dir, or PostgreSQL databases created beside the one DATABASE_URL names.
// No demo history is seeded; the bench writes all the data itself. Both are removed by cleanup().

/** The service the rollup-lag probe writes to, and no one else: its all-traffic count is the probe's alone. */
export const PROBE_SERVICE = "bench-lag-probe";

export interface ScratchDatabases {
  provider: Provider;
  serverUrl: string;
  baselineUrl: string;
  /** An all-services key with the ingest scope, in the server's database. */
  apiKey: string;
  probeServiceId: string;
  /** Where logs and profiles may go; removed on cleanup unless it was given. */
  workDir: string;
}

export async function createScratchDatabases(adminUrl: string | undefined): Promise<ScratchDatabases> {
  const workDir = await mkdtemp(join(tmpdir(), "vitals-bench-"));
  onCleanup("remove the temp dir", () => rm(workDir, { recursive: true, force: true }));
  if (!adminUrl || providerOf(adminUrl) === "sqlite") {
    const serverUrl = `file:${join(workDir, "server.db")}`;
    const baselineUrl = `file:${join(workDir, "baseline.db")}`;
    await migrateDatabase(serverUrl);
    const seeded = await seed(serverUrl);
    // Closed (closeDb), so the file is checkpointed and whole: a copy is the same schema and services.
    await copyFile(serverUrl.slice("file:".length), baselineUrl.slice("file:".length));
    return { provider: "sqlite", serverUrl, baselineUrl, ...seeded, workDir };
  }
  // postgres-admin reads its admin URL when loaded: point it at the server DATABASE_URL names first.
  process.env.VITALS_TEST_PG_URL = withDefaultUser(adminUrl);
  const { createPgDatabase, dropPgDatabase, scratchName } = await import("@/lib/testing/postgres-admin.ts");
  const serverName = scratchName("vitals_bench");
  const baselineName = `${serverName}_base`;
  const serverUrl = await createPgDatabase(serverName);
  onCleanup(`drop database ${serverName}`, () => dropPgDatabase(serverName));
  await migrateDatabase(serverUrl);
  const seeded = await seed(serverUrl);
  // A template must have no connections: seed() closed its client.
  const baselineUrl = await createPgDatabase(baselineName, serverName);
  onCleanup(`drop database ${baselineName}`, () => dropPgDatabase(baselineName));
  return { provider: "postgres", serverUrl, baselineUrl, ...seeded, workDir };
}

/** The demo portfolio's services (the events name them) and the probe's, and the key; then closes the client. */
async function seed(url: string): Promise<{ apiKey: string; probeServiceId: string }> {
  const db = await switchDatabase(url);
  try {
    const services = [
      ...DEMO_SERVICES.map((s) => ({ slug: s.slug, name: s.name, businessUnit: s.businessUnit, riskTier: s.riskTier, storePrompts: s.storePrompts })),
      { slug: PROBE_SERVICE, name: "Bench rollup-lag probe", businessUnit: "Internal Tools", riskTier: "low", storePrompts: true },
    ];
    await db.service.createMany({ data: services });
    const probe = await db.service.findUniqueOrThrow({ where: { slug: PROBE_SERVICE } });
    const { key } = await createApiKeyAsSystem({ name: "bench", serviceId: null, scopes: ["ingest"], actorLabel: "bench" });
    return { apiKey: key, probeServiceId: probe.id };
  } finally {
    await closeDb();
  }
}

/** `postgresql://host/db` has no user, which node-pg refuses without PGUSER: take the conventional one. */
function withDefaultUser(url: string): string {
  const parsed = new URL(url);
  if (!parsed.username && !process.env.PGUSER) parsed.username = "postgres";
  return parsed.toString();
}
