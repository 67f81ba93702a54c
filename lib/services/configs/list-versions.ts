import { assertCan } from "@/lib/auth/assert-can.ts";
import { getDb } from "@/lib/db/client.ts";
import { findVersions } from "@/lib/db/score-configs.ts";
import type { Ctx } from "../context.ts";
import type { VersionSummary } from "./types.ts";
import { actsOnEveryService, loadService, toSummary } from "./version-view.ts";

/** Every version of a service, newest first. Other people's drafts are their work in progress and stay hidden. */
export async function listVersions(ctx: Ctx, slug: string): Promise<VersionSummary[]> {
  assertCan(ctx.user, "dashboard.read");
  const db = await getDb();
  const service = await loadService(db, slug);
  const rows = await findVersions(db, { serviceId: service.id });
  const seesDrafts = actsOnEveryService(ctx.user);
  return rows.filter((r) => r.status !== "draft" || r.authorId === ctx.user.id || seesDrafts).map(toSummary);
}
