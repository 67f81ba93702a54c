import type { ApiKeyPrincipal } from "@/lib/auth/principal.ts";
import { AppError, type ErrorIssue } from "@/lib/errors.ts";
import { ingestEvents } from "@/lib/services/ingest/ingest-events.ts";
import type { PartialSuccess } from "./proto.ts";
import type { OtlpTraceRequest } from "./schema.ts";
import { spanToEvent, type SpanEvent } from "./span-to-event.ts";

/** How many rejected spans and warnings the error message spells out; the rest are counted. */
const DETAILED = 3;
/** Errors shown per rejected span. */
const ERRORS_PER_SPAN = 3;

interface Problem {
  /** position of the span in the request, to list problems in request order */
  order: number;
  text: string;
}

/**
 * Stores the LLM-call spans of an OTLP export as telemetry events (through the same validation, dedup and
 * transaction as POST /api/ingest) and says what was rejected, as OTLP's partial success. Spans that are
 * not LLM calls are accepted and dropped: they are ordinary trace data this product has no use for, not
 * data the exporter got wrong, so they count neither as accepted events nor as rejected spans.
 * Returns undefined when nothing needs saying (the spec leaves partial_success unset on full success).
 */
export async function exportTraces(principal: ApiKeyPrincipal, request: OtlpTraceRequest, now: Date): Promise<PartialSuccess | undefined> {
  const events: SpanEvent[] = [];
  const origins: { order: number; path: string }[] = [];
  const rejected: Problem[] = [];
  const warnings: Problem[] = [];

  let order = 0;
  request.resourceSpans.forEach((resourceSpans, r) => {
    resourceSpans.scopeSpans.forEach((scopeSpans, s) => {
      scopeSpans.spans.forEach((span, i) => {
        const path = `resourceSpans.${r}.scopeSpans.${s}.spans.${i}`;
        const outcome = spanToEvent(resourceSpans.resource.attributes, span);
        if (outcome.kind === "event") {
          events.push(outcome.event);
          origins.push({ order, path });
          for (const warning of outcome.warnings) warnings.push({ order, text: `${path}: ${warning}` });
        } else if (outcome.kind === "rejected") {
          // Malformed spans are the exporter's fault, not the service's data quality: not counted per service.
          rejected.push({ order, text: describe(path, outcome.eventId, outcome.errors) });
        }
        order++;
      });
    });
  });

  const llmSpans = events.length + rejected.length;
  if (events.length > 0) {
    const { rejected: refused, rejectionKinds } = await ingestEvents(principal, events, now);
    // As /api/ingest: a key that may send for none of the services named is a 403, not a batch of rejections.
    if (rejected.length === 0 && rejectionKinds.length === events.length && rejectionKinds.every((k) => k === "forbidden")) {
      throw new AppError("FORBIDDEN", 403, "This API key may not send spans for the services (service.name) in this export.");
    }
    for (const { index, event_id, errors } of refused) {
      const origin = origins[index];
      if (origin) rejected.push({ order: origin.order, text: describe(origin.path, event_id, errors) });
    }
  }
  if (rejected.length === 0 && warnings.length === 0) return undefined;
  return { rejectedSpans: rejected.length, errorMessage: summarise(rejected, warnings, llmSpans) };
}

function describe(path: string, eventId: string | null, errors: readonly ErrorIssue[]): string {
  const shown = errors.slice(0, ERRORS_PER_SPAN).map((e) => `${e.path}: ${e.message}`);
  if (errors.length > ERRORS_PER_SPAN) shown.push(`${errors.length - ERRORS_PER_SPAN} more`);
  return `${path}${eventId ? ` (event_id ${eventId})` : ""}: ${shown.join("; ")}`;
}

function summarise(rejected: Problem[], warnings: Problem[], llmSpans: number): string {
  const parts: string[] = [];
  if (rejected.length > 0) parts.push(`${rejected.length} of ${llmSpans} LLM spans rejected. ${listed(rejected)}`);
  if (warnings.length > 0) parts.push(`Left out of stored spans: ${listed(warnings)}`);
  return parts.join(" ");
}

function listed(problems: Problem[]): string {
  const sorted = [...problems].sort((a, b) => a.order - b.order);
  const shown = sorted.slice(0, DETAILED).map((p) => p.text);
  if (sorted.length > DETAILED) shown.push(`… and ${sorted.length - DETAILED} more`);
  return shown.join(" | ");
}
