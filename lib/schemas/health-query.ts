import { z } from "zod";
import { DAY_MS, MINUTE_MS } from "@/lib/domain/rollup/tiers.ts";
import { parseDuration } from "@/lib/domain/score/config.ts";

// Query strings of the read APIs (health, timeseries, segments, portfolio). Each error names the parameter and
// what it expects; route handlers turn a failed parse into a 400 with those issues.

/** The longest window or range a read API scores: past it, day rows are all that is left anyway. */
export const MAX_RANGE_MS = 400 * DAY_MS;
/** The most points a timeseries answers with. */
export const MAX_POINTS = 1_000;

const duration = (what: string) =>
  z.string().transform((text, ctx) => {
    const ms = parseDuration(text);
    if (ms === null || ms < MINUTE_MS || ms % MINUTE_MS !== 0 || ms > MAX_RANGE_MS) {
      ctx.addIssue({ code: "custom", message: `Expected ${what} as whole minutes up to 400 days, like "5m", "1h" or "30d"; got "${text}".` });
      return z.NEVER;
    }
    return ms;
  });

const instant = z.iso
  .datetime({ offset: true, error: "Expected an RFC 3339 time with a zone, like 2026-11-26T12:00:00Z." })
  .transform((text) => new Date(text));

const segment = z.string().transform((text, ctx) => {
  const colon = text.indexOf(":");
  if (colon <= 0 || colon === text.length - 1) {
    ctx.addIssue({ code: "custom", message: `Expected <dimension>:<value>, like provider:anthropic; got "${text}".` });
    return z.NEVER;
  }
  return { dimension: text.slice(0, colon), value: text.slice(colon + 1) };
});

const dimension = z.string().min(1, "Expected a dimension name, like provider or user_segment.").max(64);

export const HealthQuery = z.strictObject({
  window: duration("a window").optional(),
  at: instant.optional(),
  segment: segment.optional(),
});
export type HealthQuery = z.output<typeof HealthQuery>;

export const SegmentsQuery = z.strictObject({
  window: duration("a window").optional(),
  at: instant.optional(),
  dimension: dimension.optional(),
});
export type SegmentsQuery = z.output<typeof SegmentsQuery>;

export const PortfolioQuery = z.strictObject({
  window: duration("a window").optional(),
  at: instant.optional(),
});
export type PortfolioQuery = z.output<typeof PortfolioQuery>;

export const TimeseriesQuery = z
  .strictObject({
    from: instant.optional(),
    to: instant.optional(),
    step: duration("a step").optional(),
    window: duration("a window").optional(),
    segment: segment.optional(),
  })
  .superRefine((q, ctx) => {
    if (q.from && q.to && q.from.getTime() >= q.to.getTime()) {
      ctx.addIssue({ code: "custom", path: ["from"], message: "Expected from before to." });
    }
    if (q.from && q.to && q.to.getTime() - q.from.getTime() > MAX_RANGE_MS) {
      ctx.addIssue({ code: "custom", path: ["to"], message: "A timeseries spans at most 400 days." });
    }
  });
export type TimeseriesQuery = z.output<typeof TimeseriesQuery>;

/** The query string as a plain object; a parameter given twice keeps its last value. */
export function searchParamsObject(url: string): Record<string, string> {
  return Object.fromEntries(new URL(url).searchParams);
}
