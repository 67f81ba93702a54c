import type { Tx } from "@/lib/db/client.ts";
import { supersedeActive, updateVersionIf, type VersionStatus } from "@/lib/db/score-configs.ts";

/**
 * Makes a version the service's active one and supersedes the one before, in the caller's transaction, so
 * there is never a moment with two active versions or none. False when the version left `from` meanwhile.
 */
export async function activateInTx(
  tx: Tx,
  version: { id: string; serviceId: string },
  from: VersionStatus[],
  change: { reviewerId?: string; reviewComment?: string | null; reviewedAt?: Date; activatedAt: Date },
): Promise<{ activated: boolean; superseded: string[] }> {
  if (!(await updateVersionIf(tx, version.id, from, { ...change, status: "active" }))) return { activated: false, superseded: [] };
  return { activated: true, superseded: await supersedeActive(tx, version.serviceId, version.id) };
}
