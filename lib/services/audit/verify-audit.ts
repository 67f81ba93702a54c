import { auditHash, GENESIS_HASH, readAuditBatch } from "@/lib/db/audit.ts";
import { getDb } from "@/lib/db/client.ts";

export type AuditVerification = { ok: true; rows: number } | { ok: false; rows: number; firstBrokenId: number; reason: string };

const BATCH = 1_000;

/**
 * Walks the chain in id order and recomputes every hash from the previous row's. An edited row fails its own
 * hash; a deleted or inserted row breaks the next row's prevHash; either way the first broken row is named.
 * `rows` counts the rows checked, up to and including a broken one. No permission check: the CLI runs it as
 * the system, and the audit page calls it after its own audit.read check.
 */
export async function verifyAuditChain(): Promise<AuditVerification> {
  const db = await getDb();
  let prev = GENESIS_HASH;
  let lastId = 0;
  let rows = 0;
  for (;;) {
    const batch = await readAuditBatch(db, lastId, BATCH);
    for (const row of batch) {
      rows++;
      if (row.prevHash !== prev) {
        return { ok: false, rows, firstBrokenId: row.id, reason: "prevHash does not match the previous row's hash (a row before it was removed, inserted or re-hashed)" };
      }
      if (auditHash(row.prevHash, row) !== row.hash) {
        return { ok: false, rows, firstBrokenId: row.id, reason: "hash mismatch: the row's content is not what was recorded" };
      }
      prev = row.hash;
      lastId = row.id;
    }
    if (batch.length < BATCH) return { ok: true, rows };
  }
}
