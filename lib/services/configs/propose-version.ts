import { assertCan } from "@/lib/auth/assert-can.ts";
import { lockAuditChain } from "@/lib/db/audit.ts";
import { getDb, type Tx } from "@/lib/db/client.ts";
import { findVersions, updateVersionIf, type VersionRow } from "@/lib/db/score-configs.ts";
import { AppError } from "@/lib/errors.ts";
import { Rationale, VersionId } from "@/lib/schemas/config-governance.ts";
import type { Ctx } from "../context.ts";
import type { VersionDetail } from "./types.ts";
import { auditConfig, auditView, loadService, loadVersion, reload, toDetail } from "./version-view.ts";

/**
 * Re-proposing withdraws the author's earlier pending proposal for the service: a reviewer should only ever
 * see the author's latest intent, never two competing versions from the same person.
 */
export async function withdrawEarlierProposals(tx: Tx, ctx: Ctx, proposed: VersionRow): Promise<void> {
  if (proposed.authorId === null) return;
  const earlier = await findVersions(tx, { serviceId: proposed.serviceId, status: "pending", authorId: proposed.authorId });
  for (const row of earlier.filter((r) => r.id !== proposed.id)) {
    if (await updateVersionIf(tx, row.id, ["pending"], { status: "withdrawn" })) {
      await auditConfig(tx, ctx, "config.withdraw", row.id, auditView(row), auditView({ ...row, status: "withdrawn" }, { reason: `re-proposed as v${proposed.version}` }));
    }
  }
}

/** Freezes the caller's draft as a pending proposal; from here on its text never changes. */
export async function proposeVersion(ctx: Ctx, versionId: string, rationale: string): Promise<VersionDetail> {
  const id = VersionId.parse(versionId);
  const why = Rationale.parse(rationale);
  const db = await getDb();
  const draft = await loadVersion(db, ctx.user, id);
  const service = await loadService(db, draft.serviceSlug);
  assertCan(ctx.user, "configs.propose", { ownerIds: service.ownerIds });
  if (draft.authorId !== ctx.user.id) throw new AppError("FORBIDDEN", 403, "Only the author of a draft can propose it.");
  return db.$transaction(async (tx) => {
    await lockAuditChain(tx);
    if (!(await updateVersionIf(tx, id, ["draft"], { status: "pending", rationale: why, proposedAt: ctx.now }, ctx.user.id))) {
      throw new AppError("CONFLICT", 409, `Version ${draft.version} is no longer a draft (it is ${(await reload(tx, id)).status}).`);
    }
    const pending = await reload(tx, id);
    await withdrawEarlierProposals(tx, ctx, pending);
    await auditConfig(tx, ctx, "config.propose", id, auditView(draft), auditView(pending, { rationale: why, config: JSON.parse(pending.body) }));
    return toDetail(tx, ctx.user, pending, service.ownerIds);
  });
}
