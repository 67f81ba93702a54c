import { lockAuditChain } from "@/lib/db/audit.ts";
import { getDb } from "@/lib/db/client.ts";
import { updateVersionIf } from "@/lib/db/score-configs.ts";
import { AppError } from "@/lib/errors.ts";
import { VersionId } from "@/lib/schemas/config-governance.ts";
import type { Ctx } from "../context.ts";
import type { VersionDetail } from "./types.ts";
import { actsOnEveryService, auditConfig, auditView, loadVersion, reload, toDetail } from "./version-view.ts";

/** The author (or an admin) takes back a draft or a pending proposal. A version already decided is a 409. */
export async function withdrawVersion(ctx: Ctx, versionId: string): Promise<VersionDetail> {
  const id = VersionId.parse(versionId);
  const db = await getDb();
  const row = await loadVersion(db, ctx.user, id);
  if (row.authorId !== ctx.user.id && !actsOnEveryService(ctx.user)) {
    throw new AppError("FORBIDDEN", 403, "Only the author (or an admin) can withdraw a version.");
  }
  return db.$transaction(async (tx) => {
    await lockAuditChain(tx);
    if (!(await updateVersionIf(tx, id, ["draft", "pending"], { status: "withdrawn" }))) {
      throw new AppError("CONFLICT", 409, `Version ${row.version} is ${(await reload(tx, id)).status}: only drafts and pending proposals can be withdrawn.`);
    }
    const withdrawn = await reload(tx, id);
    await auditConfig(tx, ctx, "config.withdraw", id, auditView(row), auditView(withdrawn));
    return toDetail(tx, ctx.user, withdrawn);
  });
}
