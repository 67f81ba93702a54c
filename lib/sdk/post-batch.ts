import { gzipBytes } from "./gzip.ts";
import { backoffDelay, isRetryableStatus, parseRetryAfter } from "./retry.ts";
import type { IngestResult } from "./types.ts";

// One request of the ingest protocol, repeated until it gets a final answer. Repeating is safe because every
// event carries an event_id: a batch the server committed before the connection dropped deduplicates.

export interface Transport {
  endpoint: string;
  apiKey: string;
  gzip: boolean;
  maxRetries: number;
  retryBaseDelayMs: number;
  retryMaxDelayMs: number;
  requestTimeoutMs: number;
  fetch: typeof fetch;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  onRetry: () => void;
}

export type BatchOutcome =
  | { ok: true; status: number; result: IngestResult }
  | { ok: false; status?: number; message: string };

type Attempt = BatchOutcome | { retry: true; status?: number; message: string; retryAfterMs: number | null };

/** Sends `body` (the JSON of `{events:[…]}` holding `count` events) until a final answer or retries run out. */
export async function postBatch(t: Transport, body: string, count: number): Promise<BatchOutcome> {
  let payload: string | Uint8Array = body;
  let encoding = "identity";
  if (t.gzip) {
    // Compressed once, not per attempt: the bytes of every retry are identical.
    const zipped = await gzipBytes(new TextEncoder().encode(body)).catch(() => null);
    if (zipped) [payload, encoding] = [zipped, "gzip"];
  }
  for (let attempt = 0; ; attempt++) {
    const outcome = await attemptOnce(t, payload, encoding, count);
    if (!("retry" in outcome)) return outcome;
    if (attempt >= t.maxRetries) {
      return { ok: false, status: outcome.status, message: `gave up after ${attempt + 1} attempts: ${outcome.message}` };
    }
    t.onRetry();
    await t.sleep(outcome.retryAfterMs ?? backoffDelay(attempt, t.retryBaseDelayMs, t.retryMaxDelayMs, t.random));
  }
}

async function attemptOnce(t: Transport, payload: string | Uint8Array, encoding: string, count: number): Promise<Attempt> {
  let res: Response;
  try {
    res = await t.fetch(t.endpoint, {
      method: "POST",
      headers: {
        authorization: `Bearer ${t.apiKey}`,
        "content-type": "application/json",
        "content-encoding": encoding,
      },
      body: payload as BodyInit,
      signal: AbortSignal.timeout(t.requestTimeoutMs),
    });
  } catch (error) {
    return { retry: true, message: networkMessage(error), retryAfterMs: null };
  }
  let text: string;
  try {
    text = await res.text();
  } catch (error) {
    // The answer was cut off: the events may be committed, so only a retry (which dedups) tells.
    return { retry: true, status: res.status, message: networkMessage(error), retryAfterMs: null };
  }
  if (isRetryableStatus(res.status)) {
    const retryAfterMs = parseRetryAfter(res.headers.get("retry-after"), t.now());
    return { retry: true, status: res.status, message: `HTTP ${res.status}: ${serverMessage(text, res.statusText)}`, retryAfterMs };
  }
  if ((res.status >= 200 && res.status < 300) || res.status === 422) {
    const result = parseResult(text);
    if (result) return { ok: true, status: res.status, result };
    // A 2xx means committed even when the body is not the documented one (e.g. a proxy rewrote it).
    if (res.ok) return { ok: true, status: res.status, result: { accepted: count, duplicates: 0, rejected: [] } };
  }
  return { ok: false, status: res.status, message: `HTTP ${res.status}: ${serverMessage(text, res.statusText)}` };
}

function parseResult(text: string): IngestResult | null {
  try {
    const body = JSON.parse(text) as Partial<IngestResult> | null;
    if (typeof body?.accepted !== "number" || typeof body.duplicates !== "number" || !Array.isArray(body.rejected)) return null;
    return { accepted: body.accepted, duplicates: body.duplicates, rejected: body.rejected };
  } catch {
    return null;
  }
}

/** The product's `{error: {message}}`, else the start of whatever the body was (a proxy's HTML page). */
function serverMessage(text: string, statusText: string): string {
  try {
    const message = (JSON.parse(text) as { error?: { message?: unknown } } | null)?.error?.message;
    if (typeof message === "string") return message;
  } catch {
    // not JSON
  }
  const trimmed = text.trim().slice(0, 200);
  return trimmed || statusText || "no message";
}

function networkMessage(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (error.name === "TimeoutError") return "request timed out";
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? error.message;
}
