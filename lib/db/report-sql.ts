import { currentProvider } from "@/lib/db/client.ts";
import { DAY_MS } from "@/lib/domain/reports/period.ts";

// The few dialect differences of the reports' aggregate SQL (SQLite keeps times as RFC 3339 text, PostgreSQL as
// timestamps), and placeholders in order of appearance (SQLite's "?" are positional).

export interface Dialect {
  /** A placeholder for `value`, bound in the order the placeholders appear in the text. */
  p: (value: unknown) => string;
  params: unknown[];
  /** Epoch milliseconds of a time column, as a float. */
  epochMs: (column: string) => string;
  /** The UTC day number (days since the epoch) of an epoch-ms expression. */
  dayOf: (ms: string) => string;
  /** A number we computed (never user text), written into the statement. */
  num: (value: number) => string;
}

export function dialect(): Dialect {
  const postgres = currentProvider() === "postgres";
  const params: unknown[] = [];
  return {
    params,
    p: (value) => {
      params.push(value);
      return postgres ? `$${params.length}` : "?";
    },
    epochMs: (column) => (postgres ? `CAST(EXTRACT(EPOCH FROM ${column}) AS DOUBLE PRECISION) * 1000` : `ROUND((julianday(${column}) - 2440587.5) * 86400000)`),
    dayOf: (ms) => (postgres ? `FLOOR(${ms} / ${DAY_MS})` : `CAST(${ms} / ${DAY_MS} AS INTEGER)`),
    num: (value) => {
      if (!Number.isFinite(value)) throw new Error(`Not a finite number: ${value}`);
      return `CAST(${value} AS DOUBLE PRECISION)`;
    },
  };
}
