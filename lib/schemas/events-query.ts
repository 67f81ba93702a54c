import { z } from "zod";
import { DAY_MS } from "@/lib/domain/rollup/tiers.ts";

// Query string of the event explorer (GET /api/services/{slug}/events). Keyset pagination: `cursor` is the
// opaque string the previous page answered with as `nextCursor`.

/** What the explorer can narrow to; each filter also fixes the order (slowest first, lowest eval first…). */
export const EVENT_FILTERS = ["all", "errors", "slowest", "lowest_eval", "negative_feedback"] as const;
export type EventFilter = (typeof EVENT_FILTERS)[number];

/** The longest range the explorer reads: raw events are kept 30 days by default. */
export const MAX_EVENT_RANGE_MS = 31 * DAY_MS;
export const DEFAULT_EVENT_PAGE = 25;

const instant = z.iso
  .datetime({ offset: true, error: "Expected an RFC 3339 time with a zone, like 2026-11-26T12:00:00Z." })
  .transform((text) => new Date(text));

export const EventsQuery = z
  .strictObject({
    filter: z.enum(EVENT_FILTERS, { error: `Expected one of ${EVENT_FILTERS.join(", ")}.` }).default("all"),
    segment: z
      .string()
      .regex(/^[^:]+:.+$/, "Expected <dimension>:<value>, like provider:anthropic.")
      .transform((text) => ({ dimension: text.slice(0, text.indexOf(":")), value: text.slice(text.indexOf(":") + 1) }))
      .optional(),
    /** The eval the lowest_eval filter sorts by; default: the first eval the service's config scores. */
    eval: z.string().regex(/^[\w.-]{1,64}$/, "Expected an eval name, like relevance.").optional(),
    from: instant.optional(),
    to: instant.optional(),
    cursor: z.string().max(400).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(DEFAULT_EVENT_PAGE),
  })
  .superRefine((q, ctx) => {
    if (q.from && q.to && q.from.getTime() >= q.to.getTime()) ctx.addIssue({ code: "custom", path: ["from"], message: "Expected from before to." });
    if (q.from && q.to && q.to.getTime() - q.from.getTime() > MAX_EVENT_RANGE_MS) {
      ctx.addIssue({ code: "custom", path: ["to"], message: "The explorer reads at most 31 days at a time." });
    }
  });
export type EventsQuery = z.output<typeof EventsQuery>;
