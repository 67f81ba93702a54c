// When the outbox tries a failed delivery again, and when it gives up. Pure: the caller passes the random
// source, so tests switch jitter off.

export const MAX_ATTEMPTS = 8;
/** consecutive failed attempts after which a channel is disabled until an admin re-enables it */
export const DISABLE_AFTER_FAILURES = 5;
export const BASE_DELAY_MS = 30_000;
export const MAX_DELAY_MS = 60 * 60_000;

/**
 * The wait after the `attempts`-th failed attempt: 30 s · 2^(attempts−1), capped at 1 h, times a jitter
 * factor in [0.8, 1.2) so channels that failed together do not retry together. A server's Retry-After is
 * honoured exactly (capped at 1 h): it said when it will be ready.
 */
export function retryDelayMs(attempts: number, retryAfterMs: number | undefined, random: () => number = Math.random): number {
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, MAX_DELAY_MS);
  const base = Math.min(BASE_DELAY_MS * 2 ** Math.max(0, attempts - 1), MAX_DELAY_MS);
  return Math.round(Math.min(base * (0.8 + 0.4 * random()), MAX_DELAY_MS));
}

export const NO_JITTER = () => 0.5;
