import type { ScoreConfig } from "@/lib/domain/score/index.ts";
import { parseScoreConfig, toJson } from "@/lib/schemas/score-config.ts";
import type { Db, Tx } from "./client.ts";

// Score configuration versions (DESIGN.md §6). A version's body is the canonical JSON of its config; it is
// parsed with the same schema as a config file, so a stored body that no longer parses (a metric renamed in a
// later release) fails loudly here instead of scoring with half a config.

export interface ActiveConfig {
  id: string;
  version: number;
  config: ScoreConfig;
}

// Versions are immutable, so a body parsed once stays parsed: every score read would otherwise re-validate the
// same config (≈ 0.2 ms each; fifty of them for a portfolio). Callers treat the config as read-only.
const parsedById = new Map<string, ScoreConfig>();
const MAX_CACHED = 1_000;

function parseBody(id: string, serviceId: string, version: number, body: string): ScoreConfig {
  const cached = parsedById.get(id);
  if (cached) return cached;
  const config = parseStored(serviceId, version, body);
  if (parsedById.size >= MAX_CACHED) parsedById.clear();
  parsedById.set(id, config);
  return config;
}

function parseStored(serviceId: string, version: number, body: string): ScoreConfig {
  const parsed = parseScoreConfig(body, "json");
  if (!parsed.ok) {
    const first = parsed.errors[0];
    throw new Error(`Stored config v${version} of service ${serviceId} does not parse: ${first?.path}: ${first?.message}`);
  }
  return parsed.config;
}

/** The active version of each of these services (services without one are absent). */
export async function findActiveConfigs(db: Db | Tx, serviceIds: readonly string[]): Promise<Map<string, ActiveConfig>> {
  if (serviceIds.length === 0) return new Map();
  const rows = await db.scoreConfigVersion.findMany({
    where: { serviceId: { in: [...serviceIds] }, status: "active" },
    select: { id: true, serviceId: true, version: true, body: true },
  });
  return new Map(rows.map((r) => [r.serviceId, { id: r.id, version: r.version, config: parseBody(r.id, r.serviceId, r.version, r.body) }]));
}

export async function findActiveConfig(db: Db | Tx, serviceId: string): Promise<ActiveConfig | null> {
  return (await findActiveConfigs(db, [serviceId])).get(serviceId) ?? null;
}

export interface NewActiveVersion {
  serviceId: string;
  config: ScoreConfig;
  rationale: string;
  authorId: string | null;
  at: Date;
}

/**
 * Stores a config as the service's first version, already active — for the demo seed and for services created
 * with a template. Every later change goes through review (DESIGN.md §6).
 */
export async function createInitialActiveVersion(tx: Tx, v: NewActiveVersion): Promise<ActiveConfig> {
  const row = await tx.scoreConfigVersion.create({
    data: {
      serviceId: v.serviceId, version: 1, status: "active", body: toJson(v.config), rationale: v.rationale,
      authorId: v.authorId, createdAt: v.at, proposedAt: v.at, reviewedAt: v.at, activatedAt: v.at,
    },
    select: { id: true, version: true },
  });
  return { id: row.id, version: row.version, config: v.config };
}
