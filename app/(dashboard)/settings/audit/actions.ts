"use server";

import { requirePermission } from "@/lib/auth/session.ts";
import { verifyAuditChain } from "@/lib/services/audit/verify-audit.ts";

export type VerifyResult = Awaited<ReturnType<typeof verifyAuditChain>>;

/** Re-hashes the whole audit chain; any approver or admin may ask, and nothing is written. */
export async function verifyAuditAction(): Promise<VerifyResult> {
  await requirePermission("audit.read");
  return verifyAuditChain();
}
