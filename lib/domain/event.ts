// A telemetry event after validation (DESIGN.md §3), in the names the code uses. The wire format
// (snake_case JSON) is parsed into this by lib/schemas; storage maps it to rows in lib/db.

export type EventStatus = "ok" | "error";

export interface RetrievalSignals {
  precision?: number;
  score?: number;
  documentIds?: string[];
}

export interface TelemetryEvent {
  eventId: string;
  timestamp: Date;
  model?: string;
  provider?: string;
  variant?: string;
  latencyMs?: number;
  ttftMs?: number;
  status: EventStatus;
  errorType?: string;
  inputTokens?: number;
  outputTokens?: number;
  costUsd?: number;
  segments: Record<string, string>;
  evals: Record<string, number | boolean>;
  feedback: Record<string, number>;
  outcomes: Record<string, boolean>;
  retrieval: RetrievalSignals;
  attributes: Record<string, string | number>;
  embedding?: number[];
  prompt?: string;
  response?: string;
}

/** Prompts and responses are kept to this many bytes of UTF-8 (DESIGN.md §2). */
export const MAX_TEXT_BYTES = 8 * 1024;

/** Truncates to at most `maxBytes` of UTF-8 without splitting a character. */
export function truncateUtf8(text: string, maxBytes: number = MAX_TEXT_BYTES): string {
  if (text.length * 3 <= maxBytes) return text;
  const bytes = new TextEncoder().encode(text);
  if (bytes.length <= maxBytes) return text;
  let end = maxBytes;
  // Step back over UTF-8 continuation bytes (10xxxxxx) so the cut lands on a character boundary.
  while (end > 0 && ((bytes[end] ?? 0) & 0xc0) === 0x80) end--;
  return new TextDecoder().decode(bytes.subarray(0, end));
}
