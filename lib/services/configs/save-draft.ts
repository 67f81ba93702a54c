import { assertCan } from "@/lib/auth/assert-can.ts";
import { lockAuditChain } from "@/lib/db/audit.ts";
import { getDb, type Tx } from "@/lib/db/client.ts";
import { findVersion, findVersions, insertVersion, nextVersionNumber, updateVersionIf } from "@/lib/db/score-configs.ts";
import { AppError } from "@/lib/errors.ts";
import { SaveDraftInput, type SaveDraftInput as SaveDraftRaw } from "@/lib/schemas/config-governance.ts";
import { toJson } from "@/lib/schemas/score-config.ts";
import type { Ctx } from "../context.ts";
import { withFreshVersionNumber } from "./retry-numbering.ts";
import { parseConfigFor } from "./config-invalid.ts";
import type { VersionDetail } from "./types.ts";
import { actsOnEveryService, auditConfig, auditView, loadService, reload, toDetail } from "./version-view.ts";

/**
 * Editing a pending version withdraws it: a reviewer must never approve text that is still changing, so the
 * edit continues as the caller's draft and goes back through review when proposed again.
 */
async function withdrawForEdit(tx: Tx, ctx: Ctx, serviceId: string, versionId: string): Promise<void> {
  const from = await findVersion(tx, versionId);
  if (!from || from.serviceId !== serviceId || from.status !== "pending") return;
  if (from.authorId !== ctx.user.id && !actsOnEveryService(ctx.user)) {
    throw new AppError("FORBIDDEN", 403, "Only the author (or an admin) can edit a pending proposal; start your own draft instead.");
  }
  if (!(await updateVersionIf(tx, from.id, ["pending"], { status: "withdrawn" }))) {
    throw new AppError("CONFLICT", 409, `Version ${from.version} was reviewed or withdrawn meanwhile; reload it.`);
  }
  await auditConfig(tx, ctx, "config.withdraw", from.id, auditView(from), auditView({ ...from, status: "withdrawn" }, { reason: "edited" }));
}

/** Creates the caller's draft for the service, or saves over it (one draft per author per service). */
export async function saveDraft(ctx: Ctx, slug: string, raw: SaveDraftRaw): Promise<VersionDetail> {
  const input = SaveDraftInput.parse(raw);
  const db = await getDb();
  const service = await loadService(db, slug);
  assertCan(ctx.user, "configs.propose", { ownerIds: service.ownerIds });
  const body = toJson(parseConfigFor(slug, input.text, input.format));
  return withFreshVersionNumber(() => db.$transaction(async (tx) => {
    await lockAuditChain(tx);
    if (input.fromVersionId !== undefined) await withdrawForEdit(tx, ctx, service.id, input.fromVersionId);
    const [draft] = await findVersions(tx, { serviceId: service.id, status: "draft", authorId: ctx.user.id });
    let id: string;
    if (draft) {
      if (!(await updateVersionIf(tx, draft.id, ["draft"], { body }, ctx.user.id))) {
        throw new AppError("CONFLICT", 409, "Your draft was proposed or withdrawn meanwhile; reload it.");
      }
      id = draft.id;
    } else {
      const version = await nextVersionNumber(tx, service.id);
      id = (await insertVersion(tx, { serviceId: service.id, version, status: "draft", body, rationale: "", authorId: ctx.user.id, at: ctx.now })).id;
    }
    const saved = await reload(tx, id);
    await auditConfig(tx, ctx, "config.draft", id, draft ? auditView(draft, { config: JSON.parse(draft.body) }) : undefined, auditView(saved, { config: JSON.parse(body) }));
    return toDetail(tx, ctx.user, saved, service.ownerIds);
  }));
}
