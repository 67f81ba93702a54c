import { parseScopes } from "@/lib/auth/api-keys.ts";
import type { ApiKeyScope } from "@/lib/auth/principal.ts";
import { getDb, type Tx } from "./client.ts";
import { queryHot } from "./hot-path/connection.ts";

// Row ↔ domain for API keys. The hash column is read by one query only (the authentication lookup) and
// selected nowhere else, so no list or audit row can carry it by accident.

export interface KeyService {
  id: string;
  slug: string;
  name: string;
}

export interface ApiKeySummary {
  id: string;
  name: string;
  prefix: string;
  scopes: ApiKeyScope[];
  /** null: the key serves every service */
  service: KeyService | null;
  createdAt: Date;
  createdByEmail: string | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** What authentication needs of a key, found by its hash. */
export interface ApiKeyCredential {
  id: string;
  prefix: string;
  serviceId: string | null;
  scopes: ApiKeyScope[];
  revoked: boolean;
}

/**
 * Which keys a caller may see: every key, or the keys of the services a user owns. The scope goes into the
 * query's where, so "not yours" and "not found" are the same answer. All-services keys belong to no
 * service and so are never in an owner's scope.
 */
export type KeyVisibility = { all: true } | { all: false; ownerId: string };

function visibleWhere(visibility: KeyVisibility) {
  return visibility.all ? {} : { service: { owners: { some: { userId: visibility.ownerId } } } };
}

const SUMMARY_SELECT = {
  id: true,
  name: true,
  prefix: true,
  scopes: true,
  createdAt: true,
  lastUsedAt: true,
  revokedAt: true,
  service: { select: { id: true, slug: true, name: true } },
  createdBy: { select: { email: true } },
} as const;

interface SummaryRow {
  id: string;
  name: string;
  prefix: string;
  scopes: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  service: KeyService | null;
  createdBy: { email: string } | null;
}

function toSummary({ createdBy, scopes, service, ...row }: SummaryRow): ApiKeySummary {
  return { ...row, scopes: parseScopes(scopes), service, createdByEmail: createdBy?.email ?? null };
}

export interface NewApiKeyRow {
  name: string;
  prefix: string;
  hash: string;
  /** already in stored form (lib/auth/api-keys.ts formatScopes) */
  scopes: string;
  serviceId: string | null;
  createdById: string | null;
  createdAt: Date;
}

export async function insertApiKey(tx: Tx, row: NewApiKeyRow): Promise<ApiKeySummary> {
  return toSummary(await tx.apiKey.create({ data: row, select: SUMMARY_SELECT }));
}

const CREDENTIAL_COLUMNS = `"id", "prefix", "serviceId", "scopes", "revokedAt" IS NOT NULL AS "revoked"`;

/** Every request with a key asks this: on the hot path's connection (hot-path/connection.ts queryHot). */
export async function findApiKeyCredential(hash: string): Promise<ApiKeyCredential | null> {
  const [row] = await queryHot<Omit<ApiKeyCredential, "scopes" | "revoked"> & { scopes: string; revoked: boolean | number }>(
    { name: "vitals-api-key-credential", sql: (p) => `SELECT ${CREDENTIAL_COLUMNS} FROM "ApiKey" WHERE "hash" = ${p(1)}` },
    [hash],
  );
  return row ? { ...row, scopes: parseScopes(row.scopes), revoked: Boolean(row.revoked) } : null;
}

/**
 * Sets lastUsedAt to `now` unless it was set less than `minIntervalMs` before — a guard in the where, so
 * several replicas authenticating the same key still write at most about once per interval.
 */
export async function recordApiKeyUse(id: string, now: Date, minIntervalMs: number): Promise<boolean> {
  const db = await getDb();
  const { count } = await db.apiKey.updateMany({
    where: { id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lte: new Date(now.getTime() - minIntervalMs) } }] },
    data: { lastUsedAt: now },
  });
  return count > 0;
}

/** Active keys first, newest first within each group. */
export async function listApiKeyRows(visibility: KeyVisibility): Promise<ApiKeySummary[]> {
  const db = await getDb();
  const rows = await db.apiKey.findMany({ where: visibleWhere(visibility), select: SUMMARY_SELECT, orderBy: { createdAt: "desc" } });
  return rows.map(toSummary).sort((a, b) => Number(a.revokedAt !== null) - Number(b.revokedAt !== null));
}

export async function findVisibleApiKey(tx: Tx, id: string, visibility: KeyVisibility): Promise<ApiKeySummary | null> {
  const row = await tx.apiKey.findFirst({ where: { id, ...visibleWhere(visibility) }, select: SUMMARY_SELECT });
  return row && toSummary(row);
}

/** Keys whose id or prefix is `reference` (the CLI takes either; a prefix is not guaranteed unique). */
export async function findApiKeysByReference(reference: string): Promise<ApiKeySummary[]> {
  const db = await getDb();
  const rows = await db.apiKey.findMany({ where: { OR: [{ id: reference }, { prefix: reference }] }, select: SUMMARY_SELECT });
  return rows.map(toSummary);
}

/** Revokes the key if it is visible and still active; false when either is not so (the race guard). */
export async function markApiKeyRevoked(tx: Tx, id: string, visibility: KeyVisibility, now: Date): Promise<boolean> {
  const { count } = await tx.apiKey.updateMany({
    where: { id, revokedAt: null, ...visibleWhere(visibility) },
    data: { revokedAt: now },
  });
  return count > 0;
}

export interface ServiceOwnership extends KeyService {
  ownerIds: string[];
}

/** A service with its owners' ids — what `can(user, "apikeys.manage", { ownerIds })` needs. */
export async function findServiceOwnership(tx: Tx, by: { slug: string } | { id: string }): Promise<ServiceOwnership | null> {
  const row = await tx.service.findUnique({
    where: "slug" in by ? { slug: by.slug } : { id: by.id },
    select: { id: true, slug: true, name: true, owners: { select: { userId: true } } },
  });
  return row && { id: row.id, slug: row.slug, name: row.name, ownerIds: row.owners.map((o) => o.userId) };
}

/** Services whose keys a caller may manage: all of them, or those the user owns; by name. */
export async function listKeyServices(visibility: KeyVisibility): Promise<KeyService[]> {
  const db = await getDb();
  return db.service.findMany({
    where: visibility.all ? {} : { owners: { some: { userId: visibility.ownerId } } },
    select: { id: true, slug: true, name: true },
    orderBy: { name: "asc" },
  });
}
