import type { Principal } from "@/lib/auth/principal.ts";
import { can } from "@/lib/auth/permissions.ts";
import { getDb } from "@/lib/db/client.ts";
import { AppError } from "@/lib/errors.ts";
import { SNAPSHOT_PAGE_SIZE, SnapshotListQuery, type SnapshotPage } from "@/lib/schemas/report-snapshots.ts";
import { readSnapshotPage } from "./snapshot-store.ts";

/** Whoever may read reports may read every snapshot (reports.read has scope "any"); API keys need `read`. */
export function assertMayReadSnapshots(principal: Principal): void {
  if (principal.kind === "user" && !can(principal.user, "reports.read")) throw new AppError("FORBIDDEN", 403, "Your role may not read reports.");
  if (principal.kind === "api-key" && !principal.scopes.includes("read")) throw new AppError("FORBIDDEN", 403, "This API key lacks the read scope.");
}

/** Saved snapshots, newest first, one page at a time. */
export async function listSnapshots(principal: Principal, query: unknown): Promise<SnapshotPage> {
  assertMayReadSnapshots(principal);
  const q = SnapshotListQuery.parse(query);
  const { rows, total } = await readSnapshotPage(await getDb(), q.kind, (q.page - 1) * SNAPSHOT_PAGE_SIZE, SNAPSHOT_PAGE_SIZE);
  return { items: rows, total, page: q.page, pageSize: SNAPSHOT_PAGE_SIZE };
}
