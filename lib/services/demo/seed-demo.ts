import { hashPassword } from "@/lib/auth/password.ts";
import { appendAudit } from "@/lib/db/audit.ts";
import { getDb } from "@/lib/db/client.ts";
import { createInitialActiveVersion } from "@/lib/db/score-configs.ts";
import { DAY_MS, DEMO_MODELS, DEMO_SERVICES, generatePortfolioEvents, inBatches } from "@/lib/domain/demo/index.ts";
import { SCORE_TEMPLATES, templateFor } from "@/lib/domain/score/index.ts";
import { createApiKeyAsSystem } from "@/lib/services/api-keys/create-api-key.ts";
import { ingestEvents } from "@/lib/services/ingest/ingest-events.ts";
import { backfillEvaluations } from "@/lib/services/alerts/backfill-evaluations.ts";
import { settleSnapshotDays } from "@/lib/services/reports/settle-snapshot-days.ts";
import { drainPending } from "@/lib/services/rollups/fold-pending.ts";
import { DEMO_PASSWORD, DEMO_USERS } from "./demo-users.ts";

export interface SeedOptions {
  days: number;
  allowProduction: boolean;
  log: (line: string) => void;
  now?: Date;
  /** Fixed seed: every demo database shows the same portfolio relative to its `now`. */
  seed?: number;
}

/** The demo's provider SLA targets: p95 latency under 15 s and errors under 10 %. */
const DEMO_SLA = { latencyP95Ms: 15_000, maxErrorRate: 0.1 } as const;

export type SeedResult = { seeded: false; reason: string } | { seeded: true; events: number; apiKey: string };

/**
 * Seeds the demo portfolio — one user per role, the demo services (each with an active score config from its template), `days` of telemetry with the built-in
 * incidents ending at `now` — only into an empty database — and one all-services API key. Events go through
 * the same use case as POST /api/ingest (validation, dedup, rollups), so the seed stores exactly what the API
 * would.
 */
export async function seedDemo(options: SeedOptions): Promise<SeedResult> {
  const { log } = options;
  if (process.env.NODE_ENV === "production" && !options.allowProduction) {
    const reason = "NODE_ENV=production: the demo seed (well-known passwords) is refused; pass --allow-production to force it.";
    log(reason);
    return { seeded: false, reason };
  }
  const db = await getDb();
  const [users, services] = await Promise.all([db.user.count(), db.service.count()]);
  if (users > 0 || services > 0) {
    const reason = "The database is not empty: the demo seed only runs into an empty database.";
    log(reason);
    return { seeded: false, reason };
  }

  const now = options.now ?? new Date();
  const started = Date.now();
  const passwordHashes = await Promise.all(DEMO_USERS.map(() => hashPassword(DEMO_PASSWORD)));
  await db.$transaction(async (tx) => {
    const userIds = new Map<string, string>();
    for (const [i, user] of DEMO_USERS.entries()) {
      const row = await tx.user.create({ data: { ...user, passwordHash: passwordHashes[i]! } });
      userIds.set(user.email, row.id);
    }
    for (const spec of DEMO_SERVICES) {
      const service = await tx.service.create({
        data: {
          slug: spec.slug,
          name: spec.name,
          description: spec.description,
          businessUnit: spec.businessUnit,
          riskTier: spec.riskTier,
          storePrompts: spec.storePrompts,
          owners: { create: spec.owners.flatMap((email) => (userIds.has(email) ? [{ userId: userIds.get(email)! }] : [])) },
        },
      });
      await createInitialActiveVersion(tx, {
        serviceId: service.id, config: templateFor(spec.configTemplate, spec.slug), authorId: null, at: now,
        rationale: `Seeded from the ${SCORE_TEMPLATES[spec.configTemplate].title} template.`,
      });
    }
    // SLA targets the demo's providers mostly meet (its normal p95 is 8–12 s), so the spikes show as misses.
    const providers = [...new Set(Object.values(DEMO_MODELS).map((m) => m.provider))].sort();
    await tx.providerSla.createMany({ data: providers.map((provider) => ({ provider, ...DEMO_SLA })) });
    await appendAudit(tx, {
      at: now,
      actorId: null,
      actorLabel: "system:demo-seed",
      action: "demo.seed",
      targetType: "portfolio",
      targetId: "demo",
      after: {
        users: DEMO_USERS.map((u) => u.email),
        services: DEMO_SERVICES.map((s) => ({ slug: s.slug, configTemplate: s.configTemplate })),
        days: options.days,
        providerSlas: providers.map((provider) => ({ provider, ...DEMO_SLA })),
      },
    });
  });
  const { key } = await createApiKeyAsSystem(
    { name: "Demo (all services)", serviceId: null, scopes: ["ingest", "read"], actorLabel: "system:demo-seed" },
    now,
  );
  log(`Demo users and ${DEMO_SERVICES.length} services created.`);

  const from = new Date(now.getTime() - options.days * DAY_MS);
  const principal = { kind: "system", label: "demo-seed" } as const;
  let total = 0;
  let nextReport = 50_000;
  for (const batch of inBatches(generatePortfolioEvents({ from, to: now, seed: options.seed ?? 20261126 }), 1_000)) {
    const result = await ingestEvents(principal, batch, now);
    if (result.rejected.length > 0) {
      throw new Error(`The demo generator produced events ingest rejects: ${JSON.stringify(result.rejected.slice(0, 3))}`);
    }
    total += result.accepted;
    if (total >= nextReport) {
      log(`  ${total.toLocaleString("en")} events…`);
      nextReport += 50_000;
    }
  }
  // Ingest only queues events for the aggregator; the demo's rollups must be complete when the seed returns.
  await drainPending({ now });
  // Snapshots and alert history for the seeded weeks, so the built-in incidents show as alert episodes.
  await backfillEvaluations({ from, now, log });
  // …and their settled days summed once, so the first report reads a few rows per service.
  await settleSnapshotDays(now);
  log(`Demo portfolio seeded: ${total.toLocaleString("en")} events over ${options.days} days in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  return { seeded: true, events: total, apiKey: key };
}
