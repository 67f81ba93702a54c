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

// ---- Versions under review (DESIGN.md §6): rows for lib/services/configs. ----

export type VersionStatus = "draft" | "pending" | "approved" | "active" | "superseded" | "rejected" | "withdrawn";

export interface PersonRef {
  id: string;
  name: string;
  email: string;
}

export interface VersionRow {
  id: string;
  serviceId: string;
  serviceSlug: string;
  version: number;
  status: VersionStatus;
  body: string;
  rationale: string;
  authorId: string | null;
  author: PersonRef | null;
  reviewer: PersonRef | null;
  reviewComment: string | null;
  createdAt: Date;
  proposedAt: Date | null;
  reviewedAt: Date | null;
  activatedAt: Date | null;
  activateAt: Date | null;
}

const PERSON = { select: { id: true, name: true, email: true } } as const;
const VERSION_SELECT = {
  id: true, serviceId: true, version: true, status: true, body: true, rationale: true, authorId: true, reviewComment: true,
  createdAt: true, proposedAt: true, reviewedAt: true, activatedAt: true, activateAt: true,
  author: PERSON, reviewer: PERSON, service: { select: { slug: true } },
} as const;

type SelectedVersion = Omit<VersionRow, "serviceSlug" | "status"> & { status: string; service: { slug: string } };
const toVersionRow = ({ service, ...row }: SelectedVersion): VersionRow => ({ ...row, status: row.status as VersionStatus, serviceSlug: service.slug });

/**
 * The config of a version. Drafts are edited in place, so only frozen versions (everything but a draft) go
 * through the by-id cache above: a cached draft would go stale on its next save.
 */
export function versionConfig(row: Pick<VersionRow, "id" | "serviceId" | "version" | "status" | "body">): ScoreConfig {
  return row.status === "draft" ? parseStored(row.serviceId, row.version, row.body) : parseBody(row.id, row.serviceId, row.version, row.body);
}

export async function findVersion(db: Db | Tx, id: string): Promise<VersionRow | null> {
  const row = await db.scoreConfigVersion.findUnique({ where: { id }, select: VERSION_SELECT });
  return row && toVersionRow(row);
}

export interface VersionFilter {
  serviceId?: string;
  status?: VersionStatus | VersionStatus[];
  authorId?: string;
  /** approved versions whose activateAt is at or before this instant */
  dueBy?: Date;
}

export async function findVersions(db: Db | Tx, filter: VersionFilter): Promise<VersionRow[]> {
  const rows = await db.scoreConfigVersion.findMany({
    where: {
      ...(filter.serviceId !== undefined ? { serviceId: filter.serviceId } : {}),
      ...(filter.status !== undefined ? { status: Array.isArray(filter.status) ? { in: filter.status } : filter.status } : {}),
      ...(filter.authorId !== undefined ? { authorId: filter.authorId } : {}),
      ...(filter.dueBy !== undefined ? { activateAt: { lte: filter.dueBy } } : {}),
    },
    select: VERSION_SELECT,
    orderBy: filter.dueBy !== undefined ? [{ activateAt: "asc" }, { version: "asc" }] : [{ version: "desc" }],
  });
  return rows.map(toVersionRow);
}

/** The next version number of a service (1 for its first). Callers hold the audit lock, which serialises it. */
export async function nextVersionNumber(tx: Tx, serviceId: string): Promise<number> {
  const last = await tx.scoreConfigVersion.findFirst({ where: { serviceId }, orderBy: { version: "desc" }, select: { version: true } });
  return (last?.version ?? 0) + 1;
}

export interface NewVersion {
  serviceId: string;
  version: number;
  status: "draft" | "pending";
  body: string;
  rationale: string;
  authorId: string;
  at: Date;
}

export async function insertVersion(tx: Tx, v: NewVersion): Promise<VersionRow> {
  const row = await tx.scoreConfigVersion.create({
    data: {
      serviceId: v.serviceId, version: v.version, status: v.status, body: v.body, rationale: v.rationale, authorId: v.authorId,
      createdAt: v.at, proposedAt: v.status === "pending" ? v.at : null,
    },
    select: VERSION_SELECT,
  });
  return toVersionRow(row);
}

export interface VersionChange {
  status?: VersionStatus;
  body?: string;
  rationale?: string;
  reviewerId?: string;
  reviewComment?: string | null;
  proposedAt?: Date;
  reviewedAt?: Date;
  activatedAt?: Date;
  activateAt?: Date | null;
}

/**
 * Changes a version only while it is still in one of `from` (and, when given, still the author's): the guard
 * lives in the where, so of two racing reviewers exactly one sees a count of 1 — the other's 0 becomes a 409.
 */
export async function updateVersionIf(tx: Tx, id: string, from: VersionStatus[], change: VersionChange, authorId?: string): Promise<boolean> {
  const { count } = await tx.scoreConfigVersion.updateMany({
    where: { id, status: { in: from }, ...(authorId !== undefined ? { authorId } : {}) },
    data: change,
  });
  return count === 1;
}

/** Marks the service's other active version(s) superseded; returns their ids (for the audit row). */
export async function supersedeActive(tx: Tx, serviceId: string, exceptId: string): Promise<string[]> {
  const rows = await tx.scoreConfigVersion.findMany({ where: { serviceId, status: "active", id: { not: exceptId } }, select: { id: true } });
  if (rows.length === 0) return [];
  await tx.scoreConfigVersion.updateMany({ where: { id: { in: rows.map((r) => r.id) }, status: "active" }, data: { status: "superseded" } });
  return rows.map((r) => r.id);
}

export interface KeyProposer {
  /** The stored scope list, unfiltered: "propose" is read from it. */
  scopes: string[];
  serviceId: string | null;
  /** The person the key acts for: its creator, when they still exist and are enabled. */
  creator: { id: string; email: string; name: string; role: string } | null;
}

export async function findKeyProposer(db: Db | Tx, keyId: string): Promise<KeyProposer | null> {
  const row = await db.apiKey.findUnique({
    where: { id: keyId },
    select: { scopes: true, serviceId: true, createdBy: { select: { id: true, email: true, name: true, role: true, disabled: true } } },
  });
  if (!row) return null;
  const user = row.createdBy;
  return {
    scopes: row.scopes.split(",").map((s) => s.trim()),
    serviceId: row.serviceId,
    creator: user && !user.disabled ? { id: user.id, email: user.email, name: user.name, role: user.role } : null,
  };
}
