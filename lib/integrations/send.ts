import type { OutboundRequest } from "./types.ts";

// One HTTP attempt. Never throws: a timeout, a refused connection or a non-2xx answer all come back as
// { ok: false } with what the outbox needs to decide when to retry.

export const SEND_TIMEOUT_MS = 10_000;

export interface SendResult {
  ok: boolean;
  /** the HTTP status, or 0 when no answer came (timeout, connection refused, DNS) */
  status: number;
  /** from a Retry-After header on a failed answer */
  retryAfterMs?: number;
  error?: string;
}

/**
 * Retry-After is either delay-seconds ("120") or an HTTP-date ("Wed, 21 Oct 2026 07:28:00 GMT"), RFC 9110
 * §10.2.3. Returns milliseconds from `now` (0 for a date in the past), or undefined when absent or unreadable.
 */
export function parseRetryAfter(value: string | null | undefined, now: Date): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  if (Number.isNaN(at) || !/[a-z]/i.test(text)) return undefined;
  return Math.max(0, at - now.getTime());
}

/** Error text for the delivery log: short, and never a response body (it could echo secrets). */
function describe(error: unknown): string {
  if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) return `timed out after ${SEND_TIMEOUT_MS / 1000} s`;
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : "";
  return `${error instanceof Error ? error.message : String(error)}${cause}`.slice(0, 300);
}

export async function send(request: OutboundRequest, fetchImpl: typeof fetch = fetch, now: () => Date = () => new Date(), timeoutMs = SEND_TIMEOUT_MS): Promise<SendResult> {
  try {
    const response = await fetchImpl(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
    });
    // Drain the body so the connection is released; its content is not kept.
    await response.arrayBuffer().catch(() => undefined);
    if (response.ok) return { ok: true, status: response.status };
    const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"), now());
    return { ok: false, status: response.status, error: `HTTP ${response.status}`, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) };
  } catch (error) {
    return { ok: false, status: 0, error: describe(error) };
  }
}
