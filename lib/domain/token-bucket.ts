// A token bucket: `ratePerSecond` tokens accrue up to `burst`; a request takes as many as it carries events.
// Pure: the caller passes the time.

export interface Bucket {
  tokens: number;
  updatedMs: number;
}

export interface TakeResult {
  ok: boolean;
  /** When not ok: whole seconds until enough tokens will have accrued. */
  retryAfterSeconds: number;
}

export function take(bucket: Bucket, cost: number, nowMs: number, ratePerSecond: number, burst: number): TakeResult {
  const elapsed = Math.max(0, nowMs - bucket.updatedMs) / 1000;
  bucket.tokens = Math.min(burst, bucket.tokens + elapsed * ratePerSecond);
  bucket.updatedMs = nowMs;
  // A request larger than the burst passes once the bucket is full, rather than never.
  const charge = Math.min(cost, burst);
  if (charge <= bucket.tokens) {
    bucket.tokens -= charge;
    return { ok: true, retryAfterSeconds: 0 };
  }
  const needed = charge - bucket.tokens;
  return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(needed / ratePerSecond)) };
}
