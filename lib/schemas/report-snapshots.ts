import { z } from "zod";

// Saved report snapshots (DESIGN.md §9): POST /api/reports/snapshots takes the report's query fields (as
// GET /api/reports does: period, groupBy, date or from/to) plus an optional title; the list pages newest first.

export const SNAPSHOT_KINDS = ["manual", "weekly"] as const;
export type SnapshotKind = (typeof SNAPSHOT_KINDS)[number];
export const SNAPSHOT_PAGE_SIZE = 20;

export const SnapshotTitle = z
  .string({ error: "Expected a title as text." })
  .trim()
  .min(1, { error: "Expected a title of at least 1 character." })
  .max(120, { error: "Expected a title of at most 120 characters." });

/** The title beside the report query fields (parsed apart, so its issues carry the path "title"). */
export const SnapshotTitleField = z.object({ title: SnapshotTitle.optional() });

export const SnapshotId = z
  .string({ error: "Expected a snapshot id." })
  .regex(/^[a-z0-9]{8,40}$/, { error: "Expected a snapshot id (letters and digits)." });

const pageNumber = z.coerce
  .number({ error: "Expected a page number." })
  .int({ error: "Expected a whole page number." })
  .min(1, { error: "Expected a page number of 1 or more." })
  .max(10_000, { error: "Expected a page number of at most 10000." });

export const SnapshotListQuery = z.strictObject({
  page: pageNumber.default(1),
  kind: z.enum(SNAPSHOT_KINDS, { error: `Expected one of ${SNAPSHOT_KINDS.join(", ")}.` }).optional(),
});
export type SnapshotListQuery = z.output<typeof SnapshotListQuery>;

/** What the list and the view show about a snapshot, besides the stored report itself. */
export const SnapshotSummary = z.object({
  id: z.string(),
  createdAt: z.string(),
  createdByLabel: z.string(),
  kind: z.enum(SNAPSHOT_KINDS),
  period: z.string(),
  periodFrom: z.string(),
  periodTo: z.string(),
  groupBy: z.string(),
  title: z.string(),
});
export type SnapshotSummary = z.infer<typeof SnapshotSummary>;

export interface SnapshotPage {
  items: SnapshotSummary[];
  total: number;
  page: number;
  pageSize: number;
}
