import { mayIngest, type Principal } from "@/lib/auth/principal.ts";
import { writeIngestBatch } from "@/lib/db/events.ts";
import { findIngestTargets, type IngestTarget } from "@/lib/db/services.ts";
import type { TelemetryEvent } from "@/lib/domain/event.ts";
import { zodIssues, type ErrorIssue } from "@/lib/errors.ts";
import { IngestEventInput } from "@/lib/schemas/ingest.ts";
import type { IngestRejection, IngestResult } from "./types.ts";

/** Events older than the raw-event retention could never be read back (DESIGN.md §2, §3). */
export const RAW_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;
/** Clocks drift; more than this in the future is a client bug, not skew. */
export const MAX_FUTURE_MS = 5 * 60 * 1000;

/** Why an event was refused: `forbidden` when only the key's reach stopped it (the route may answer 403). */
export type RejectionKind = "invalid" | "unknown-service" | "forbidden";

export interface IngestOutcome extends IngestResult {
  rejectionKinds: RejectionKind[];
}

interface Accepted {
  target: IngestTarget;
  event: TelemetryEvent;
}

/**
 * Validates a batch event by event, stores the valid ones (deduplicated by service + event_id) and queues the new
 * ones for the aggregator, which folds them into the rollups within about a second (lib/services/rollups/
 * fold-pending.ts) — all in one transaction on the ingest hot path, committed before this returns. Rejected events
 * are counted per service for the data-quality metric. accepted + duplicates + rejected = events.length.
 */
export async function ingestEvents(principal: Principal, events: readonly unknown[], now: Date): Promise<IngestOutcome> {
  const rejected: IngestRejection[] = [];
  const rejectionKinds: RejectionKind[] = [];
  const reject = (index: number, raw: unknown, kind: RejectionKind, errors: ErrorIssue[]) => {
    rejected.push({ index, event_id: readableEventId(raw), errors });
    rejectionKinds.push(kind);
  };

  const parsed = events.map((raw) => IngestEventInput.safeParse(raw));
  // Slugs of invalid events too: their rejection counts against their service's data quality.
  const slugs = new Set<string>();
  for (const raw of events) {
    const slug = serviceSlugOf(raw);
    if (slug) slugs.add(slug);
  }
  const targets = await findIngestTargets([...slugs]);

  const accepted: Accepted[] = [];
  const rejectedPerService = new Map<string, number>();
  parsed.forEach((result, index) => {
    const raw = events[index];
    if (!result.success) {
      reject(index, raw, "invalid", zodIssues(result.error));
      const target = targets.get(serviceSlugOf(raw) ?? "");
      if (target && mayIngest(principal, target.id)) increment(rejectedPerService, target.id);
      return;
    }
    const { service, event } = result.data;
    const target = targets.get(service);
    if (!target) {
      reject(index, raw, "unknown-service", [{ path: "service", message: `No service "${service}" exists; an admin creates it in Settings.` }]);
      return;
    }
    if (!mayIngest(principal, target.id)) {
      reject(index, raw, "forbidden", [{ path: "service", message: `This API key may not send events for "${service}".` }]);
      return;
    }
    const problem = timestampProblem(event.timestamp, now);
    if (problem) {
      reject(index, raw, "invalid", [{ path: "timestamp", message: problem }]);
      increment(rejectedPerService, target.id);
      return;
    }
    accepted.push({ target, event });
  });

  const byService = new Map<string, { target: IngestTarget; events: TelemetryEvent[] }>();
  for (const { target, event } of accepted) {
    const group = byService.get(target.id) ?? { target, events: [] };
    group.events.push(event);
    byService.set(target.id, group);
  }

  let stored = 0;
  if (byService.size > 0 || rejectedPerService.size > 0) {
    const fresh = await writeIngestBatch({
      services: [...byService.values()].map(({ target, events: group }) => ({ serviceId: target.id, storePrompts: target.storePrompts, events: group })),
      rejected: rejectedPerService,
      now,
    });
    for (const events of fresh) stored += events.length;
  }
  return { accepted: stored, duplicates: accepted.length - stored, rejected, rejectionKinds };
}

function timestampProblem(timestamp: Date, now: Date): string | null {
  if (timestamp.getTime() > now.getTime() + MAX_FUTURE_MS) {
    return "The timestamp is more than 5 minutes in the future; check the sender's clock.";
  }
  if (timestamp.getTime() <= now.getTime() - RAW_RETENTION_MS) {
    return "The timestamp is older than the 30-day raw-event retention.";
  }
  return null;
}

function increment(counts: Map<string, number>, key: string): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

function serviceSlugOf(raw: unknown): string | null {
  const slug = raw && typeof raw === "object" ? (raw as { service?: unknown }).service : undefined;
  return typeof slug === "string" && slug.length <= 64 ? slug : null;
}

function readableEventId(raw: unknown): string | null {
  const id = raw && typeof raw === "object" ? (raw as { event_id?: unknown }).event_id : undefined;
  return typeof id === "string" && id.length <= 128 ? id : null;
}
