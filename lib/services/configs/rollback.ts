import { assertCan } from "@/lib/auth/assert-can.ts";
import { getDb } from "@/lib/db/client.ts";
import { versionConfig } from "@/lib/db/score-configs.ts";
import { AppError } from "@/lib/errors.ts";
import { Rationale, VersionId } from "@/lib/schemas/config-governance.ts";
import type { Ctx } from "../context.ts";
import { createProposal } from "./create-proposal.ts";
import type { VersionDetail } from "./types.ts";
import { loadService, loadVersion } from "./version-view.ts";

/**
 * Rollback is a new proposal carrying an old version's config: it goes through review like any change, so
 * "undo" can never page people at night without a second pair of eyes either.
 */
export async function proposeRollback(ctx: Ctx, slug: string, toVersionId: string, rationale: string): Promise<VersionDetail> {
  const id = VersionId.parse(toVersionId);
  const why = Rationale.parse(rationale);
  const db = await getDb();
  const service = await loadService(db, slug);
  assertCan(ctx.user, "configs.propose", { ownerIds: service.ownerIds });
  const target = await loadVersion(db, ctx.user, id);
  if (target.serviceId !== service.id) throw new AppError("NOT_FOUND", 404, "No such config version.");
  if (target.status === "active") throw new AppError("CONFLICT", 409, `Version ${target.version} is already active.`);
  // Rolling back means returning to rules that once scored this service; a rejected or withdrawn text never did.
  if (target.activatedAt === null) throw new AppError("CONFLICT", 409, `Version ${target.version} was never active: propose it as a change instead.`);
  return createProposal(ctx, service, versionConfig(target), why, { action: "config.rollback", extra: { rollbackTo: target.version } });
}
