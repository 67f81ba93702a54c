import { createHmac, timingSafeEqual } from "node:crypto";

// Signed webhooks (generic, ticket and action channels), the scheme Stripe popularised:
//   X-Vitals-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>
// The timestamp is inside the signed text, so a captured request cannot be replayed later with a new time;
// receivers should reject signatures older than a few minutes (verifySignature's toleranceSeconds).

export const SIGNATURE_HEADER = "X-Vitals-Signature";

function hmac(secret: string, t: number, body: string): string {
  return createHmac("sha256", secret).update(`${t}.${body}`).digest("hex");
}

export function signBody(secret: string, body: string, now: Date): string {
  const t = Math.floor(now.getTime() / 1000);
  return `t=${t},v1=${hmac(secret, t, body)}`;
}

/**
 * For receivers: true when `header` signs exactly `body` (the raw bytes, before any JSON parsing) with
 * `secret`, and its timestamp is within `toleranceSeconds` of `now`. Compared in constant time.
 */
export function verifySignature(secret: string, header: string | null | undefined, body: string, now: Date, toleranceSeconds = 300): boolean {
  const parts = new Map((header ?? "").split(",").map((p) => p.trim().split("=", 2) as [string, string | undefined]));
  const t = Number(parts.get("t"));
  const given = parts.get("v1");
  if (!Number.isSafeInteger(t) || !given || !/^[0-9a-f]{64}$/.test(given)) return false;
  if (Math.abs(now.getTime() / 1000 - t) > toleranceSeconds) return false;
  return timingSafeEqual(Buffer.from(given, "hex"), Buffer.from(hmac(secret, t, body), "hex"));
}

export function signedHeaders(secret: string | undefined, body: string, now: Date): Record<string, string> {
  return secret ? { [SIGNATURE_HEADER]: signBody(secret, body, now) } : {};
}
