import { z } from "zod";
import { MAX_RANGE_MS } from "./health-query.ts";

// GET /api/reports (and the /reports page): ?period=week|month|quarter|custom&groupBy=business_unit|risk_tier|both
// &date=YYYY-MM-DD (a day inside the calendar period; default today) or &from=…&to=… (custom, RFC 3339)
// &format=json|csv. Every error names its parameter and what it expects.

export const PERIOD_KINDS = ["week", "month", "quarter", "custom"] as const;
export const GROUP_BYS = ["business_unit", "risk_tier", "both"] as const;

const instant = z.iso
  .datetime({ offset: true, error: "Expected an RFC 3339 time with a zone, like 2026-11-01T00:00:00Z." })
  .transform((text) => new Date(text).getTime());

const day = z.iso
  .date({ error: "Expected a day as YYYY-MM-DD, like 2026-11-15." })
  .transform((text) => Date.parse(`${text}T00:00:00Z`));

export const ReportQuery = z
  .strictObject({
    period: z.enum(PERIOD_KINDS, { error: `Expected one of ${PERIOD_KINDS.join(", ")}.` }).default("month"),
    groupBy: z.enum(GROUP_BYS, { error: `Expected one of ${GROUP_BYS.join(", ")}.` }).default("business_unit"),
    date: day.optional(),
    from: instant.optional(),
    to: instant.optional(),
    format: z.enum(["json", "csv"], { error: "Expected json or csv." }).default("json"),
  })
  .superRefine((q, ctx) => {
    if (q.period === "custom") {
      if (q.from === undefined) ctx.addIssue({ code: "custom", path: ["from"], message: "A custom period needs from (RFC 3339)." });
      if (q.to === undefined) ctx.addIssue({ code: "custom", path: ["to"], message: "A custom period needs to (RFC 3339)." });
      if (q.date !== undefined) ctx.addIssue({ code: "custom", path: ["date"], message: "date picks a calendar period; a custom period takes from and to." });
      if (q.from !== undefined && q.to !== undefined) {
        if (q.from >= q.to) ctx.addIssue({ code: "custom", path: ["from"], message: "Expected from before to." });
        else if (q.to - q.from > MAX_RANGE_MS) ctx.addIssue({ code: "custom", path: ["to"], message: "A custom period spans at most 400 days." });
      }
    } else {
      for (const key of ["from", "to"] as const) {
        if (q[key] !== undefined) ctx.addIssue({ code: "custom", path: [key], message: `${key} is for period=custom; a ${q.period} is picked by date=YYYY-MM-DD.` });
      }
    }
  });
export type ReportQuery = z.output<typeof ReportQuery>;
