import { assertCan } from "@/lib/auth/assert-can.ts";
import { lockAuditChain } from "@/lib/db/audit.ts";
import { getDb } from "@/lib/db/client.ts";
import { updateVersionIf } from "@/lib/db/score-configs.ts";
import { AppError } from "@/lib/errors.ts";
import { ReviewInput, VersionId, type ReviewInput as ReviewRaw } from "@/lib/schemas/config-governance.ts";
import type { Ctx } from "../context.ts";
import { activateInTx } from "./activate.ts";
import type { VersionDetail } from "./types.ts";
import { auditConfig, auditView, loadVersion, reload, toDetail } from "./version-view.ts";

/**
 * Approves or rejects a pending proposal. Four eyes: nobody reviews their own proposal, admins included (the
 * permissions table's "not-author" scope). An approval takes effect at once — the active version becomes
 * superseded in the same transaction — or at `activateAt`. Of two reviewers racing, the guarded update lets
 * exactly one through; the other gets a 409.
 */
export async function reviewVersion(ctx: Ctx, versionId: string, raw: ReviewRaw): Promise<VersionDetail> {
  const id = VersionId.parse(versionId);
  const input = ReviewInput.parse(raw);
  const db = await getDb();
  const row = await loadVersion(db, ctx.user, id);
  if (row.authorId === ctx.user.id) throw new AppError("FORBIDDEN", 403, "You proposed this version: someone else must review it.");
  assertCan(ctx.user, "configs.review", { authorId: row.authorId });
  const comment = input.comment === "" ? null : input.comment;
  const decided = { reviewerId: ctx.user.id, reviewComment: comment, reviewedAt: ctx.now };
  const later = input.decision === "approve" && input.activateAt !== undefined && input.activateAt > ctx.now ? input.activateAt : null;
  return db.$transaction(async (tx) => {
    await lockAuditChain(tx);
    let ok: boolean;
    let superseded: string[] = [];
    if (input.decision === "reject") ok = await updateVersionIf(tx, id, ["pending"], { ...decided, status: "rejected" });
    else if (later) ok = await updateVersionIf(tx, id, ["pending"], { ...decided, status: "approved", activateAt: later });
    else ({ activated: ok, superseded } = await activateInTx(tx, row, ["pending"], { ...decided, activatedAt: ctx.now }));
    if (!ok) {
      throw new AppError("CONFLICT", 409, `Version ${row.version} is no longer pending (it is ${(await reload(tx, id)).status}).`);
    }
    const after = await reload(tx, id);
    const action = input.decision === "reject" ? "config.reject" : "config.approve";
    await auditConfig(tx, ctx, action, id, auditView(row), auditView(after, { comment, activateAt: later?.toISOString() ?? null, superseded }));
    return toDetail(tx, ctx.user, after);
  });
}
