import { describe, expect, it } from "vitest";
import { MAX_DELAY_MS, NO_JITTER, retryDelayMs } from "./retry-policy.ts";
import { parseRetryAfter, send } from "./send.ts";

const now = new Date("2026-11-26T12:00:00Z");

describe("Retry-After", () => {
  it.each([
    ["120", 120_000],
    [" 0 ", 0],
    ["Thu, 26 Nov 2026 12:02:00 GMT", 120_000],
    ["Thu, 26 Nov 2026 11:00:00 GMT", 0],
    ["", undefined],
    [null, undefined],
    ["soon", undefined],
    ["-5", undefined],
    ["1.5", undefined],
  ])("%j → %j ms", (value, expected) => {
    expect(parseRetryAfter(value, now)).toBe(expected);
  });
});

describe("backoff", () => {
  it.each([
    [1, 30_000], [2, 60_000], [3, 120_000], [4, 240_000], [5, 480_000], [6, 960_000], [7, 1_920_000], [8, 3_600_000], [12, 3_600_000],
  ])("after attempt %i waits %i ms (no jitter)", (attempts, ms) => {
    expect(retryDelayMs(attempts, undefined, NO_JITTER)).toBe(ms);
  });
  it("jitters within ±20 % and never past the cap", () => {
    expect(retryDelayMs(1, undefined, () => 0)).toBe(24_000);
    expect(retryDelayMs(1, undefined, () => 0.999999)).toBe(36_000);
    expect(retryDelayMs(8, undefined, () => 0.999999)).toBe(MAX_DELAY_MS);
  });
  it("honours Retry-After exactly, capped at an hour", () => {
    expect(retryDelayMs(3, 120_000, () => 0)).toBe(120_000);
    expect(retryDelayMs(1, 5 * 3_600_000)).toBe(MAX_DELAY_MS);
  });
});

describe("send", () => {
  const request = { method: "POST" as const, url: "http://x.test/", headers: {}, body: "{}" };
  it("reports success, a failed status with its Retry-After, and a network error", async () => {
    const ok = await send(request, (async () => new Response("", { status: 202 })) as typeof fetch);
    expect(ok).toEqual({ ok: true, status: 202 });
    const limited = await send(request, (async () => new Response("", { status: 429, headers: { "retry-after": "120" } })) as typeof fetch, () => now);
    expect(limited).toEqual({ ok: false, status: 429, retryAfterMs: 120_000, error: "HTTP 429" });
    const refused = await send(request, (async () => { throw new TypeError("fetch failed", { cause: new Error("connect ECONNREFUSED") }); }) as typeof fetch);
    expect(refused).toEqual({ ok: false, status: 0, error: "fetch failed: connect ECONNREFUSED" });
  });
  it("gives up on a server that does not answer in time", async () => {
    const hang = ((_url: string, init: RequestInit) =>
      new Promise((_resolve, reject) => init.signal!.addEventListener("abort", () => reject(init.signal!.reason)))) as unknown as typeof fetch;
    expect(await send(request, hang, () => now, 5)).toEqual({ ok: false, status: 0, error: "timed out after 10 s" });
  });
});
