import { assertCan } from "@/lib/auth/assert-can.ts";
import { listAuditRows, type StoredAuditRow } from "@/lib/db/audit.ts";
import { getDb } from "@/lib/db/client.ts";
import { AuditQuery, type AuditQuery as AuditRaw } from "@/lib/schemas/config-governance.ts";
import type { Ctx } from "../context.ts";

export interface AuditRow {
  id: number;
  at: string;
  actorLabel: string;
  action: string;
  targetType: string;
  targetId: string;
  before: unknown;
  after: unknown;
  hash: string;
  prevHash: string;
}

export const AUDIT_PAGE_SIZE = 50;

// before/after are stored as JSON text (the hash covers the text); a row someone broke by hand shows raw.
const parse = (text: string | null): unknown => {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

function toRow(r: StoredAuditRow): AuditRow {
  return {
    id: r.id, at: r.at.toISOString(), actorLabel: r.actorLabel, action: r.action, targetType: r.targetType, targetId: r.targetId,
    before: parse(r.before), after: parse(r.after), hash: r.hash, prevHash: r.prevHash,
  };
}

/** One page (50 rows, newest first) of the audit log, filtered; approvers and admins ("audit.read"). */
export async function listAudit(ctx: Ctx, raw: AuditRaw): Promise<{ rows: AuditRow[]; total: number; page: number; pageSize: number }> {
  assertCan(ctx.user, "audit.read");
  const f = AuditQuery.parse(raw);
  const { rows, total } = await listAuditRows(
    await getDb(),
    {
      ...(f.actor !== undefined ? { actor: f.actor } : {}),
      ...(f.action !== undefined ? { actionPrefix: f.action } : {}),
      ...(f.targetType !== undefined ? { targetType: f.targetType } : {}),
      ...(f.targetId !== undefined ? { targetId: f.targetId } : {}),
      ...(f.from !== undefined ? { from: f.from } : {}),
      ...(f.to !== undefined ? { to: f.to } : {}),
    },
    { skip: (f.page - 1) * AUDIT_PAGE_SIZE, take: AUDIT_PAGE_SIZE },
  );
  return { rows: rows.map(toRow), total, page: f.page, pageSize: AUDIT_PAGE_SIZE };
}
