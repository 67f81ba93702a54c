import { z } from "zod";
import { EvalsMap, EventId, FeedbackMap, OutcomesMap, ServiceSlug } from "./ingest.ts";

/** POST /api/feedback: ground truth that arrives after the event (DESIGN.md §3). */
export const FeedbackInput = z
  .strictObject({
    event_id: EventId,
    service: ServiceSlug,
    feedback: FeedbackMap().optional(),
    outcomes: OutcomesMap().optional(),
    evals: EvalsMap().optional(),
  })
  .refine((f) => f.feedback !== undefined || f.outcomes !== undefined || f.evals !== undefined, {
    error: "Send at least one of feedback, outcomes or evals.",
  });
export type FeedbackInput = z.output<typeof FeedbackInput>;
