import { createHash } from "node:crypto";
import type { Tx } from "./client.ts";
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

/** Appends one row inside the caller's transaction, so the audit row commits with the change it records. */
export async function appendAudit(tx: Tx, entry: AuditEntry): Promise<void> {
  // Two writers must not both chain onto the same previous row. SQLite serialises writers already;
  // on PostgreSQL a transaction-scoped advisory lock does it.
  if (currentProvider() === "postgres") {
    await tx.$executeRawUnsafe("SELECT pg_advisory_xact_lock(7261001)");
  }
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
