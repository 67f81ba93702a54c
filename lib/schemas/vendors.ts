import { z } from "zod";
import { ReportQuery } from "./reports.ts";

// GET /api/vendors (and the /vendors page): ?period=week|month|quarter|custom&date=YYYY-MM-DD (a day inside the
// calendar period; default today) or &from=…&to=… (custom, RFC 3339) — the reports' period, checked by the same
// schema (lib/schemas/reports.ts), without its grouping and format. Unknown parameters are refused by name.

export const VendorQuery = z
  .strictObject({
    period: z.string().optional(),
    date: z.string().optional(),
    from: z.string().optional(),
    to: z.string().optional(),
  })
  .pipe(ReportQuery)
  .transform(({ period, date, from, to }) => ({ period, date, from, to }));
export type VendorQuery = z.output<typeof VendorQuery>;

/** A provider name as events carry it ("anthropic", "azure-openai", "bedrock/us-east-1"). */
export const ProviderName = z
  .string({ error: "Expected a provider name." })
  .trim()
  .min(1, "Expected a provider name.")
  .max(100, "A provider name has at most 100 characters.");

/** A number typed into a form or sent as JSON; an empty field is missing, not zero. */
const numberField = (what: string) =>
  z.union([z.number(), z.string().trim().min(1, `Expected ${what}.`)], { error: `Expected ${what}.` })
    .transform((v) => Number(v))
    .pipe(z.number({ error: `Expected ${what}.` }).refine(Number.isFinite, `Expected ${what}.`));

/** Settings → Vendors: a provider's SLA targets. The error rate is entered in percent and stored as 0..1. */
export const ProviderSlaInput = z.strictObject({
  provider: ProviderName,
  latencyP95Ms: numberField("a p95 latency in milliseconds")
    .pipe(z.number().positive("The p95 latency target must be above 0 ms.").max(600_000, "The p95 latency target is at most 600,000 ms (10 minutes).")),
  maxErrorRatePercent: numberField("an error rate in percent")
    .pipe(z.number().min(0, "The error rate target is between 0 and 100 %.").max(100, "The error rate target is between 0 and 100 %.")),
});
export type ProviderSlaInput = z.output<typeof ProviderSlaInput>;

export const RemoveProviderSlaInput = z.strictObject({ provider: ProviderName });
