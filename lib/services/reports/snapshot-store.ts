import { appendAudit } from "@/lib/db/audit.ts";
import type { Db, Tx } from "@/lib/db/client.ts";
import type { Report } from "@/lib/domain/reports/types.ts";
import type { SnapshotKind, SnapshotSummary } from "@/lib/schemas/report-snapshots.ts";

// Report snapshot rows ↔ the summary and the stored Report. The report column holds the JSON exactly as it was
// computed; readers parse it and never recompute a figure.

const SUMMARY = {
  id: true, createdAt: true, createdByLabel: true, kind: true, period: true, periodFrom: true, periodTo: true, groupBy: true, title: true,
} as const;

type SummaryRow = { id: string; createdAt: Date; createdByLabel: string; kind: string; period: string; periodFrom: Date; periodTo: Date; groupBy: string; title: string };

export function toSummary(row: SummaryRow): SnapshotSummary {
  return {
    id: row.id,
    createdAt: row.createdAt.toISOString(),
    createdByLabel: row.createdByLabel,
    kind: row.kind === "weekly" ? "weekly" : "manual",
    period: row.period,
    periodFrom: row.periodFrom.toISOString(),
    periodTo: row.periodTo.toISOString(),
    groupBy: row.groupBy,
    title: row.title,
  };
}

export interface NewSnapshot {
  kind: SnapshotKind;
  actorId: string | null;
  actorLabel: string;
  title: string;
  report: Report;
  dedupKey: string | null;
  now: Date;
}

/** Inserts the snapshot and its audit row in one transaction (the audit row never names a snapshot that is not there). */
export async function insertSnapshot(db: Db, s: NewSnapshot): Promise<SnapshotSummary> {
  return db.$transaction(async (tx: Tx) => {
    const row = await tx.reportSnapshot.create({
      data: {
        createdAt: s.now, createdById: s.actorId, createdByLabel: s.actorLabel, kind: s.kind,
        period: s.report.period.kind, periodFrom: new Date(s.report.period.from), periodTo: new Date(s.report.period.to),
        groupBy: s.report.groupBy, title: s.title, report: JSON.stringify(s.report), dedupKey: s.dedupKey,
      },
      select: SUMMARY,
    });
    const summary = toSummary(row);
    await appendAudit(tx, {
      at: s.now, actorId: s.actorId, actorLabel: s.actorLabel, action: "report.snapshot", targetType: "report_snapshot", targetId: row.id,
      after: { kind: summary.kind, title: summary.title, period: s.report.period.label, from: summary.periodFrom, to: summary.periodTo, groupBy: summary.groupBy },
    });
    return summary;
  });
}

export async function snapshotExists(db: Db, dedupKey: string): Promise<boolean> {
  return (await db.reportSnapshot.findUnique({ where: { dedupKey }, select: { id: true } })) !== null;
}

export async function readSnapshotPage(db: Db, kind: SnapshotKind | undefined, skip: number, take: number): Promise<{ rows: SnapshotSummary[]; total: number }> {
  const where = kind === undefined ? {} : { kind };
  const [rows, total] = await Promise.all([
    db.reportSnapshot.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], skip, take, select: SUMMARY }),
    db.reportSnapshot.count({ where }),
  ]);
  return { rows: rows.map(toSummary), total };
}

export async function readSnapshot(db: Db, id: string): Promise<{ summary: SnapshotSummary; report: Report } | null> {
  const row = await db.reportSnapshot.findUnique({ where: { id }, select: { ...SUMMARY, report: true } });
  return row ? { summary: toSummary(row), report: JSON.parse(row.report) as Report } : null;
}
