import { assertCan } from "@/lib/auth/assert-can.ts";
import { can } from "@/lib/auth/permissions.ts";
import { getDb } from "@/lib/db/client.ts";
import { findVersions } from "@/lib/db/score-configs.ts";
import type { Ctx } from "../context.ts";
import type { VersionSummary } from "./types.ts";
import { toSummary } from "./version-view.ts";

/**
 * Pending proposals across services, oldest proposal first (the longest wait is the next to review), each with
 * whether the caller may review it: a reviewer sees their own proposals in the list but cannot decide them.
 */
export async function listPendingReviews(ctx: Ctx): Promise<(VersionSummary & { allowedReview: boolean })[]> {
  assertCan(ctx.user, "dashboard.read");
  const rows = await findVersions(await getDb(), { status: "pending" });
  return rows
    .sort((a, b) => (a.proposedAt?.getTime() ?? 0) - (b.proposedAt?.getTime() ?? 0))
    .map((r) => ({ ...toSummary(r), allowedReview: can(ctx.user, "configs.review", { authorId: r.authorId }) }));
}
