import type { ErrorIssue } from "@/lib/errors.ts";

/** One rejected event of a batch: its position, its event_id when it had a readable one, and why. */
export interface IngestRejection {
  index: number;
  event_id: string | null;
  errors: ErrorIssue[];
}

/** The answer body of POST /api/ingest (DESIGN.md §3); accepted + duplicates + rejected = events sent. */
export interface IngestResult {
  accepted: number;
  duplicates: number;
  rejected: IngestRejection[];
}
