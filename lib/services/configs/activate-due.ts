import { appendAudit, lockAuditChain } from "@/lib/db/audit.ts";
import { getDb } from "@/lib/db/client.ts";
import { findVersions } from "@/lib/db/score-configs.ts";
import { activateInTx } from "./activate.ts";
import { auditView } from "./version-view.ts";

const ACTOR = "system:scheduler";

/**
 * Activates approved versions whose activateAt has come (the evaluator loop calls it every minute). Oldest
 * first, each in its own transaction, so when two are due for one service the later one ends up active. A
 * version another replica activated meanwhile is skipped by the guarded update. Returns how many it activated.
 */
export async function activateDueVersions(now: Date): Promise<number> {
  const db = await getDb();
  const due = await findVersions(db, { status: "approved", dueBy: now });
  let activated = 0;
  for (const row of due) {
    const done = await db.$transaction(async (tx) => {
      await lockAuditChain(tx);
      const result = await activateInTx(tx, row, ["approved"], { activatedAt: now });
      if (!result.activated) return false;
      await appendAudit(tx, {
        at: now, actorId: null, actorLabel: ACTOR, action: "config.activate", targetType: "config_version", targetId: row.id,
        before: auditView(row), after: auditView({ ...row, status: "active" }, { activateAt: row.activateAt?.toISOString() ?? null, superseded: result.superseded }),
      });
      return true;
    });
    if (done) activated++;
  }
  return activated;
}
