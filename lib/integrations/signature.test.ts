import { describe, expect, it } from "vitest";
import { signBody, verifySignature } from "./signature.ts";

const secret = "a-shared-secret-of-24ch";
const now = new Date("2026-11-26T12:00:00Z");
const body = '{"type":"alert","score":42}';

describe("X-Vitals-Signature", () => {
  it("is t=<unix seconds>,v1=<hex HMAC-SHA256 of '<t>.<body>'>", async () => {
    const { createHmac } = await import("node:crypto");
    const expected = createHmac("sha256", secret).update(`1795694400.${body}`).digest("hex");
    expect(signBody(secret, body, now)).toBe(`t=1795694400,v1=${expected}`);
  });
  it("verifies the body it signed and nothing else", () => {
    const header = signBody(secret, body, now);
    expect(verifySignature(secret, header, body, now)).toBe(true);
    expect(verifySignature(secret, header, body.replace("42", "43"), now)).toBe(false);
    expect(verifySignature("another-secret-16+", header, body, now)).toBe(false);
    expect(verifySignature(secret, header.replace(/t=\d+/, "t=1795694401"), body, now)).toBe(false);
    expect(verifySignature(secret, null, body, now)).toBe(false);
    expect(verifySignature(secret, "t=abc,v1=zz", body, now)).toBe(false);
  });
  it("rejects a signature older than the tolerance (a replay)", () => {
    const header = signBody(secret, body, now);
    expect(verifySignature(secret, header, body, new Date(now.getTime() + 300_000))).toBe(true);
    expect(verifySignature(secret, header, body, new Date(now.getTime() + 301_000))).toBe(false);
  });
});
