import { z } from "zod";

// Query strings and inputs of the alerts API (GET /api/alerts, POST /api/alerts/{id}/acknowledge|resolve) and
// the /alerts page's URL, which holds the same filters. Each error names the parameter and what it expects.

/** open: pending or firing (what needs a person); all: every episode, cancelled ones included. */
export const ALERT_STATE_FILTERS = ["open", "firing", "pending", "resolved", "all"] as const;
export type AlertStateFilter = (typeof ALERT_STATE_FILTERS)[number];
export const ALERT_SEVERITIES = ["warning", "critical"] as const;
/** include: shadow alerts are listed (and marked); exclude: left out; only: nothing else. */
export const SHADOW_FILTERS = ["include", "exclude", "only"] as const;
export const MAX_ALERT_PAGE_SIZE = 100;
export const DEFAULT_ALERT_PAGE_SIZE = 25;

const instant = z.iso
  .datetime({ offset: true, error: "Expected an RFC 3339 time with a zone, like 2026-11-26T12:00:00Z." })
  .transform((text) => new Date(text));

export const AlertsQuery = z
  .strictObject({
    state: z.enum(ALERT_STATE_FILTERS, { error: `Expected one of ${ALERT_STATE_FILTERS.join(", ")}.` }).default("open"),
    severity: z.enum(ALERT_SEVERITIES, { error: `Expected one of ${ALERT_SEVERITIES.join(", ")}.` }).optional(),
    service: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "Expected a service slug, like customer-support-chatbot.").optional(),
    shadow: z.enum(SHADOW_FILTERS, { error: `Expected one of ${SHADOW_FILTERS.join(", ")}.` }).default("include"),
    /** Episodes open at some moment between from and to (an episode begun earlier and still open counts). */
    from: instant.optional(),
    to: instant.optional(),
    page: z.coerce.number({ error: "Expected a page number from 1." }).int("Expected a whole page number.").min(1, "Expected a page number from 1.").max(10_000).default(1),
    size: z.coerce
      .number({ error: `Expected a page size from 1 to ${MAX_ALERT_PAGE_SIZE}.` })
      .int(`Expected a whole page size from 1 to ${MAX_ALERT_PAGE_SIZE}.`)
      .min(1, `Expected a page size from 1 to ${MAX_ALERT_PAGE_SIZE}.`)
      .max(MAX_ALERT_PAGE_SIZE, `Expected a page size from 1 to ${MAX_ALERT_PAGE_SIZE}.`)
      .default(DEFAULT_ALERT_PAGE_SIZE),
  })
  .superRefine((q, ctx) => {
    if (q.from && q.to && q.from.getTime() >= q.to.getTime()) ctx.addIssue({ code: "custom", path: ["from"], message: "Expected from before to." });
  });
export type AlertsQuery = z.output<typeof AlertsQuery>;
export type AlertsQueryInput = z.input<typeof AlertsQuery>;

export const AlertId = z.string().regex(/^[\w-]{1,64}$/, "Expected an alert id.");

export const ResolveAlertInput = z.strictObject({
  note: z.string().trim().max(500, "Keep the note under 500 characters.").optional(),
});
export type ResolveAlertInput = z.output<typeof ResolveAlertInput>;
