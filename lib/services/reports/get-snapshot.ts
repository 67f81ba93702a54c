import type { Principal } from "@/lib/auth/principal.ts";
import { getDb } from "@/lib/db/client.ts";
import type { Report } from "@/lib/domain/reports/types.ts";
import { AppError } from "@/lib/errors.ts";
import { SnapshotId, type SnapshotSummary } from "@/lib/schemas/report-snapshots.ts";
import { assertMayReadSnapshots } from "./list-snapshots.ts";
import { readSnapshot } from "./snapshot-store.ts";

export interface SavedReport {
  summary: SnapshotSummary;
  /** The Report exactly as stored: never recomputed. */
  report: Report;
}

export async function getSnapshot(principal: Principal, id: string): Promise<SavedReport> {
  assertMayReadSnapshots(principal);
  const parsed = SnapshotId.safeParse(id);
  const found = parsed.success ? await readSnapshot(await getDb(), parsed.data) : null;
  if (!found) throw new AppError("NOT_FOUND", 404, "No such report snapshot.");
  return found;
}
