import { can } from "@/lib/auth/permissions.ts";
import { getDb } from "@/lib/db/client.ts";
import type { Report } from "@/lib/domain/reports/types.ts";
import { AppError } from "@/lib/errors.ts";
import { ReportQuery } from "@/lib/schemas/reports.ts";
import { SnapshotTitleField, type SnapshotSummary } from "@/lib/schemas/report-snapshots.ts";
import type { Ctx } from "../context.ts";
import { getReport } from "./get-report.ts";
import { insertSnapshot } from "./snapshot-store.ts";

const GROUPING: Record<Report["groupBy"], string> = { business_unit: "business unit", risk_tier: "risk tier", both: "business unit and risk tier" };

export function defaultTitle(report: Report): string {
  return `${report.period.label} by ${GROUPING[report.groupBy]}`;
}

/**
 * An admin keeps the report as it stands now: `body` holds the report's query fields (period, groupBy, date or
 * from/to, as GET /api/reports takes them) and an optional title. The stored object is what getReport returned
 * at `ctx.now`, so the snapshot shows exactly what the admin saw.
 */
export async function saveSnapshot(ctx: Ctx, body: unknown): Promise<SnapshotSummary> {
  if (!can(ctx.user, "reports.snapshot")) throw new AppError("FORBIDDEN", 403, "Only admins may save report snapshots.");
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new AppError("BAD_REQUEST", 400, 'Expected a JSON object like {"period": "month", "groupBy": "business_unit", "title": "…"}.');
  }
  const { title: rawTitle, ...fields } = body as Record<string, unknown>;
  const { title } = SnapshotTitleField.parse({ title: rawTitle });
  const query = ReportQuery.parse({ ...fields, format: "json" });
  const report = await getReport({ kind: "user", user: ctx.user }, query, ctx.now);
  return insertSnapshot(await getDb(), {
    kind: "manual", actorId: ctx.user.id, actorLabel: ctx.user.email, title: title ?? defaultTitle(report), report, dedupKey: null, now: ctx.now,
  });
}
