import { can } from "@/lib/auth/permissions.ts";
import { findServiceOwnership, type ServiceOwnership } from "@/lib/db/api-keys.ts";
import { appendAudit } from "@/lib/db/audit.ts";
import type { Db, Tx } from "@/lib/db/client.ts";
import { findActiveConfig, findVersion, versionConfig, type VersionRow } from "@/lib/db/score-configs.ts";
import type { SessionUser } from "@/lib/db/users.ts";
import { diffConfigs } from "@/lib/domain/score/config-diff.ts";
import { AppError } from "@/lib/errors.ts";
import { toYaml } from "@/lib/schemas/score-config.ts";
import type { Ctx } from "../context.ts";
import type { VersionDetail, VersionSummary } from "./types.ts";

// Shared by the config use cases: loading a service or a version the caller may see, the views the UI gets,
// and the audit row each mutation writes.

export async function loadService(db: Db | Tx, slug: string): Promise<ServiceOwnership> {
  const service = await findServiceOwnership(db as Tx, { slug });
  if (!service) throw new AppError("NOT_FOUND", 404, `There is no service "${slug}".`);
  return service;
}

/** Admins act on every service: the permissions table answers that, not the role's name. */
export function actsOnEveryService(user: SessionUser): boolean {
  return can(user, "configs.propose", { ownerIds: [] });
}

/**
 * A version the caller may see. A draft is its author's work in progress: anyone else gets the same 404 as
 * for a version that does not exist.
 */
export async function loadVersion(db: Db | Tx, user: SessionUser, id: string): Promise<VersionRow> {
  const row = await findVersion(db, id);
  if (!row || (row.status === "draft" && row.authorId !== user.id && !actsOnEveryService(user))) {
    throw new AppError("NOT_FOUND", 404, "No such config version.");
  }
  return row;
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function toSummary(row: VersionRow): VersionSummary {
  return {
    id: row.id, serviceSlug: row.serviceSlug, version: row.version, status: row.status, rationale: row.rationale,
    author: row.author, reviewer: row.reviewer, reviewComment: row.reviewComment, createdAt: row.createdAt.toISOString(),
    proposedAt: iso(row.proposedAt), reviewedAt: iso(row.reviewedAt), activatedAt: iso(row.activatedAt), activateAt: iso(row.activateAt),
  };
}

export function allowedFor(user: SessionUser, row: VersionRow, ownerIds: readonly string[]): VersionDetail["allowed"] {
  const mayPropose = can(user, "configs.propose", { ownerIds });
  const isAuthor = row.authorId === user.id;
  const authorOrAdmin = isAuthor || actsOnEveryService(user);
  return {
    // Editing a pending version withdraws it, so whoever may withdraw it may edit it.
    edit: mayPropose && ((row.status === "draft" && isAuthor) || (row.status === "pending" && authorOrAdmin)),
    propose: mayPropose && row.status === "draft" && isAuthor,
    withdraw: (row.status === "draft" || row.status === "pending") && authorOrAdmin,
    review: row.status === "pending" && can(user, "configs.review", { authorId: row.authorId }),
  };
}

export async function toDetail(db: Db | Tx, user: SessionUser, row: VersionRow, ownerIds?: readonly string[]): Promise<VersionDetail> {
  const owners = ownerIds ?? (await loadService(db, row.serviceSlug)).ownerIds;
  const config = versionConfig(row);
  const active = await findActiveConfig(db, row.serviceId);
  return {
    ...toSummary(row),
    config,
    yaml: toYaml(config),
    diff: active && active.id !== row.id ? diffConfigs(active.config, config) : [],
    allowed: allowedFor(user, row, owners),
  };
}

/** The version as an audit row shows it: enough to read the decision without the rest of the database. */
export function auditView(row: Pick<VersionRow, "version" | "status" | "serviceSlug">, extra: Record<string, unknown> = {}) {
  return { service: row.serviceSlug, version: row.version, status: row.status, ...extra };
}

export async function auditConfig(
  tx: Tx,
  ctx: Ctx,
  action: string,
  versionId: string,
  before: Record<string, unknown> | undefined,
  after: Record<string, unknown>,
): Promise<void> {
  await appendAudit(tx, { at: ctx.now, actorId: ctx.user.id, actorLabel: ctx.user.email, action, targetType: "config_version", targetId: versionId, before, after });
}

export async function reload(tx: Tx, id: string): Promise<VersionRow> {
  const row = await findVersion(tx, id);
  if (!row) throw new AppError("NOT_FOUND", 404, "No such config version.");
  return row;
}
