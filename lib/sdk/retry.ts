// When to retry a request and how long to wait. Pure functions so the policy is tested without a server.

/** A server-requested wait longer than this is treated as this: a bad header must not park the client for days. */
export const MAX_RETRY_AFTER_MS = 10 * 60_000;

/**
 * Statuses worth repeating: 429 and 503 say "later" explicitly, other 5xx may be a restart, 408 a slow proxy.
 * Everything else is final — 400/401/403/413/415/422 would fail again with the same body.
 */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || (status >= 500 && status <= 599);
}

/**
 * Retry-After in milliseconds: delta-seconds ("120") or an HTTP date (RFC 9110 §10.2.3), relative to `nowMs`.
 * Null when absent or unreadable, so the caller falls back to its own backoff.
 */
export function parseRetryAfter(header: string | null, nowMs: number): number | null {
  if (header === null) return null;
  const text = header.trim();
  if (text === "") return null;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.min(MAX_RETRY_AFTER_MS, Math.round(Number(text) * 1000));
  const at = Date.parse(text);
  if (Number.isNaN(at)) return null;
  return Math.min(MAX_RETRY_AFTER_MS, Math.max(0, at - nowMs));
}

/**
 * Exponential backoff with "equal jitter": half of the step is fixed (a retry never comes immediately), half
 * random (clients that failed together do not retry together). `attempt` counts from 0 for the first retry.
 */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number, random: () => number): number {
  const step = Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 30));
  return Math.round(step / 2 + random() * (step / 2));
}
