import { describe, expect, it } from "vitest";
import { take, type Bucket } from "./token-bucket.ts";

describe("token bucket", () => {
  it("spends the burst, refuses, then refills at the rate", () => {
    const bucket: Bucket = { tokens: 100, updatedMs: 0 };
    // rate 10/s, burst 100: 100 available at t=0.
    expect(take(bucket, 60, 0, 10, 100).ok).toBe(true); // 40 left
    // 50 > 40: refused; 10 more tokens needed at 10/s → 1 s.
    expect(take(bucket, 50, 0, 10, 100)).toEqual({ ok: false, retryAfterSeconds: 1 });
    // after 2 s: 40 + 20 = 60 ≥ 50.
    expect(take(bucket, 50, 2000, 10, 100).ok).toBe(true); // 10 left
    // 95 needed: (95 − 10) / 10 = 8.5 → 9 s.
    expect(take(bucket, 95, 2000, 10, 100)).toEqual({ ok: false, retryAfterSeconds: 9 });
  });

  it("never holds more than the burst", () => {
    const bucket: Bucket = { tokens: 0, updatedMs: 0 };
    take(bucket, 0, 1_000_000, 10, 100);
    expect(bucket.tokens).toBe(100);
  });

  it("a request larger than the burst waits for a full bucket, not forever", () => {
    const bucket: Bucket = { tokens: 0, updatedMs: 0 };
    // 500 > burst 100: wait until the bucket is full, (100 − 0) / 10 = 10 s.
    expect(take(bucket, 500, 0, 10, 100)).toEqual({ ok: false, retryAfterSeconds: 10 });
    expect(take(bucket, 500, 10_000, 10, 100).ok).toBe(true);
  });
});
