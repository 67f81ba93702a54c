import { assertCan } from "@/lib/auth/assert-can.ts";
import { getDb } from "@/lib/db/client.ts";
import { findVersions } from "@/lib/db/score-configs.ts";
import { VersionId } from "@/lib/schemas/config-governance.ts";
import type { Ctx } from "../context.ts";
import type { VersionDetail } from "./types.ts";
import { loadService, loadVersion, toDetail } from "./version-view.ts";

/** One version with its config, its diff against the active version and what the caller may do with it. */
export async function getVersion(ctx: Ctx, versionId: string): Promise<VersionDetail> {
  assertCan(ctx.user, "dashboard.read");
  const db = await getDb();
  const row = await loadVersion(db, ctx.user, VersionId.parse(versionId));
  return toDetail(db, ctx.user, row);
}

/** The caller's current draft for the service, or null. */
export async function getDraft(ctx: Ctx, slug: string): Promise<VersionDetail | null> {
  assertCan(ctx.user, "dashboard.read");
  const db = await getDb();
  const service = await loadService(db, slug);
  const [draft] = await findVersions(db, { serviceId: service.id, status: "draft", authorId: ctx.user.id });
  return draft ? toDetail(db, ctx.user, draft, service.ownerIds) : null;
}
