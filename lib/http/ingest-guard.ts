import type { ApiKeyPrincipal } from "@/lib/auth/principal.ts";
import { take, type Bucket } from "@/lib/domain/token-bucket.ts";
import { AppError } from "@/lib/errors.ts";

// Back-pressure for the ingest endpoints: a per-key rate limit (429) and a cap on requests in flight in this
// process (503). Both answer with Retry-After, and nothing of a refused request is stored, so a client that
// retries loses nothing.

const RATE = Number(process.env.VITALS_INGEST_RATE_PER_KEY ?? 50_000); // events per second per key
const BURST = Math.max(RATE, 1_000);
const MAX_IN_FLIGHT = Number(process.env.VITALS_INGEST_MAX_IN_FLIGHT ?? 64);

const buckets = new Map<string, Bucket>();
let inFlight = 0;

export function chargeRate(principal: ApiKeyPrincipal, events: number, nowMs: number): void {
  let bucket = buckets.get(principal.keyId);
  if (!bucket) buckets.set(principal.keyId, (bucket = { tokens: BURST, updatedMs: nowMs }));
  const result = take(bucket, events, nowMs, RATE, BURST);
  if (!result.ok) {
    throw new AppError("RATE_LIMITED", 429, `This key sends more than ${RATE} events per second; slow down and retry.`, result.retryAfterSeconds);
  }
}

/** Runs `work` unless too many ingest requests are already being processed. */
export async function withinCapacity<T>(work: () => Promise<T>): Promise<T> {
  if (inFlight >= MAX_IN_FLIGHT) {
    throw new AppError("UNAVAILABLE", 503, "The server is busy; retry shortly.", 1);
  }
  inFlight++;
  try {
    return await work();
  } finally {
    inFlight--;
  }
}
