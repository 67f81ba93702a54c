import { createHash } from "node:crypto";
import type { Db, Tx } from "./client.ts";
import { currentProvider } from "./client.ts";

// Append-only, hash-chained audit log. Each row's hash covers the previous row's hash and the row's own
// content, so altering or deleting a row breaks every hash after it (`vitals audit verify` recomputes it).

export const GENESIS_HASH = "0".repeat(64);

export interface AuditEntry {
  actorId: string | null;
  actorLabel: string;
  action: string;
  targetType: string;
  targetId: string;
  before?: unknown;
  after?: unknown;
  at: Date;
}

export interface AuditRowContent {
  at: Date;
  actorId: string | null;
  actorLabel: string;
  action: string;
  targetType: string;
  targetId: string;
  before: string | null;
  after: string | null;
}

export function auditHash(prevHash: string, row: AuditRowContent): string {
  const canonical = JSON.stringify([
    row.at.toISOString(),
    row.actorId,
    row.actorLabel,
    row.action,
    row.targetType,
    row.targetId,
    row.before,
    row.after,
  ]);
  return createHash("sha256").update(prevHash).update("\n").update(canonical).digest("hex");
}

/**
 * Takes the chain's lock for the rest of the transaction (re-entrant; appendAudit takes it too). A use case that
 * reads before it writes (the next version number, the version that is active now) takes it first: on
 * PostgreSQL every later statement then sees what the previous holder committed.
 */
export async function lockAuditChain(tx: Tx): Promise<void> {
  if (currentProvider() === "postgres") {
    await tx.$executeRawUnsafe("SELECT pg_advisory_xact_lock(7261001)");
  }
}

/** Appends one row inside the caller's transaction, so the audit row commits with the change it records. */
export async function appendAudit(tx: Tx, entry: AuditEntry): Promise<void> {
  // Two writers must not both chain onto the same previous row. SQLite serialises writers already;
  // on PostgreSQL a transaction-scoped advisory lock does it.
  await lockAuditChain(tx);
  const last = await tx.auditLog.findFirst({ orderBy: { id: "desc" }, select: { hash: true } });
  const prevHash = last?.hash ?? GENESIS_HASH;
  const row: AuditRowContent = {
    at: entry.at,
    actorId: entry.actorId,
    actorLabel: entry.actorLabel,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId,
    before: entry.before === undefined ? null : JSON.stringify(entry.before),
    after: entry.after === undefined ? null : JSON.stringify(entry.after),
  };
  await tx.auditLog.create({ data: { ...row, prevHash, hash: auditHash(prevHash, row) } });
}

// ---- Reading the log back: the audit page and `vitals audit verify`. ----

export interface StoredAuditRow extends AuditRowContent {
  id: number;
  prevHash: string;
  hash: string;
}

/** Up to `limit` rows with id > afterId, in id order: the chain's order. */
export async function readAuditBatch(db: Db, afterId: number, limit: number): Promise<StoredAuditRow[]> {
  return db.auditLog.findMany({ where: { id: { gt: afterId } }, orderBy: { id: "asc" }, take: limit });
}

export interface AuditFilter {
  /** part of the actor's label (an email, "cli", "system:…") */
  actor?: string;
  /** "config." matches every config action */
  actionPrefix?: string;
  targetType?: string;
  targetId?: string;
  from?: Date;
  to?: Date;
}

function auditWhere(f: AuditFilter) {
  return {
    ...(f.actor !== undefined ? { actorLabel: { contains: f.actor } } : {}),
    ...(f.actionPrefix !== undefined ? { action: { startsWith: f.actionPrefix } } : {}),
    ...(f.targetType !== undefined ? { targetType: f.targetType } : {}),
    ...(f.targetId !== undefined ? { targetId: f.targetId } : {}),
    ...(f.from !== undefined || f.to !== undefined
      ? { at: { ...(f.from !== undefined ? { gte: f.from } : {}), ...(f.to !== undefined ? { lte: f.to } : {}) } }
      : {}),
  };
}

/** One page of matching rows, newest first, and how many match in all. */
export async function listAuditRows(db: Db, filter: AuditFilter, page: { skip: number; take: number }): Promise<{ rows: StoredAuditRow[]; total: number }> {
  const where = auditWhere(filter);
  const [rows, total] = await Promise.all([
    db.auditLog.findMany({ where, orderBy: { id: "desc" }, skip: page.skip, take: page.take }),
    db.auditLog.count({ where }),
  ]);
  return { rows, total };
}
