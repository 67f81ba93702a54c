import { z } from "zod";
import type { TelemetryEvent } from "@/lib/domain/event.ts";

// The wire format of one telemetry event (DESIGN.md §3), parsed into the domain's TelemetryEvent.
// Checks that need context — the service exists and the key allows it, the timestamp is within retention
// and not in the future, the embedding has the service's dimension — belong to the ingest use case.

export const SERVICE_SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;
export const ServiceSlug = z.string().regex(SERVICE_SLUG, "Expected a service slug: lowercase letters, digits and dashes.");
export const EventId = z.string().min(1).max(128, "event_id is at most 128 characters.");
const KEY = z.string().min(1, "Keys must not be empty.").max(64, "Keys are at most 64 characters.");
const LABEL = z.string().max(256, "At most 256 characters.");
const nonNegative = (what: string) =>
  z.number({ error: `Expected ${what} as a number.` }).finite().nonnegative(`${what} must be ≥ 0.`);
const count = (what: string) =>
  z.number({ error: `Expected ${what} as a whole number.` }).int(`${what} must be a whole number.`).nonnegative(`${what} must be ≥ 0.`);
const unit = z.number().finite().min(0, "Must be between 0 and 1.").max(1, "Must be between 0 and 1.");
const EVAL_HINT = "Expected a score between 0 and 1, or true/false.";
export const EvalsMap = () => boundedMap(evalValue, "evals");
export const FeedbackMap = () => boundedMap(z.number().finite(), "feedback values");
export const OutcomesMap = () => boundedMap(z.boolean({ error: "Expected true or false." }), "outcomes");
const evalValue = z.union([z.number().finite().min(0, EVAL_HINT).max(1, EVAL_HINT), z.boolean()], { error: EVAL_HINT });
const boundedMap = <T extends z.ZodType>(value: T, what: string) =>
  z.record(KEY, value).refine((m) => Object.keys(m).length <= 64, `At most 64 ${what}.`);

export const IngestEventInput = z
  .strictObject({
    event_id: EventId.optional(),
    service: ServiceSlug,
    timestamp: z.iso.datetime({ offset: true, error: "Expected an RFC 3339 timestamp, e.g. 2026-11-26T17:00:00Z." }),
    model: LABEL.optional(),
    provider: LABEL.optional(),
    variant: LABEL.optional(),
    latency_ms: nonNegative("latency_ms").optional(),
    ttft_ms: nonNegative("ttft_ms").optional(),
    status: z.enum(["ok", "error"], { error: 'Expected "ok" or "error".' }).default("ok"),
    error_type: LABEL.optional(),
    input_tokens: count("input_tokens").optional(),
    output_tokens: count("output_tokens").optional(),
    cost_usd: nonNegative("cost_usd").optional(),
    segments: boundedMap(LABEL, "segments").default({}),
    evals: EvalsMap().default({}),
    feedback: FeedbackMap().default({}),
    outcomes: OutcomesMap().default({}),
    retrieval: z
      .strictObject({
        precision: unit.optional(),
        score: z.number().finite().optional(),
        document_ids: z.array(z.string().max(256)).max(100, "At most 100 document ids.").optional(),
      })
      .default({}),
    embedding: z.array(z.number().finite()).min(1).max(4096, "At most 4096 dimensions.").optional(),
    attributes: boundedMap(z.union([LABEL, z.number().finite()], { error: "Expected a string or a number." }), "attributes").default({}),
    prompt: z.string().optional(),
    response: z.string().optional(),
  })
  .transform((e) => ({
    service: e.service,
    event: {
      eventId: e.event_id ?? crypto.randomUUID(),
      timestamp: new Date(e.timestamp),
      model: e.model,
      provider: e.provider,
      variant: e.variant,
      latencyMs: e.latency_ms,
      ttftMs: e.ttft_ms,
      status: e.status,
      errorType: e.error_type,
      inputTokens: e.input_tokens,
      outputTokens: e.output_tokens,
      costUsd: e.cost_usd,
      segments: e.segments,
      evals: e.evals,
      feedback: e.feedback,
      outcomes: e.outcomes,
      retrieval: { precision: e.retrieval.precision, score: e.retrieval.score, documentIds: e.retrieval.document_ids },
      attributes: e.attributes,
      embedding: e.embedding,
      prompt: e.prompt,
      response: e.response,
    } satisfies TelemetryEvent,
  }));

export type IngestEventInput = z.input<typeof IngestEventInput>;
export type ParsedIngestEvent = z.output<typeof IngestEventInput>;
