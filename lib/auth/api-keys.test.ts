import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  API_KEY_LENGTH,
  formatScopes,
  generateApiKey,
  hashApiKey,
  keyAllows,
  parseApiKey,
  parseBearer,
  parseScopes,
} from "./api-keys.ts";
import type { ApiKeyPrincipal } from "./principal.ts";

const SAMPLE = "lvk_3f9a1c2b_" + "A".repeat(21) + "-_" + "z".repeat(20);

describe("generateApiKey", () => {
  it("has the documented shape and at least 128 random bits", () => {
    const { key, prefix, hash } = generateApiKey();
    expect(key).toMatch(/^lvk_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/);
    expect(key).toHaveLength(API_KEY_LENGTH);
    expect(key.startsWith(`${prefix}_`)).toBe(true);
    expect(prefix).toMatch(/^lvk_[0-9a-f]{8}$/);
    // 43 base64url characters carry 258 bits, of which the 32 random bytes fill 256.
    expect(Buffer.from(key.slice(prefix.length + 1), "base64url")).toHaveLength(32);
    expect(hash).toBe(hashApiKey(key));
  });

  it("never repeats", () => {
    const keys = new Set(Array.from({ length: 200 }, () => generateApiKey().key));
    expect(keys.size).toBe(200);
  });
});

describe("hashApiKey", () => {
  it("is the sha256 hex of the whole key", () => {
    expect(hashApiKey(SAMPLE)).toBe(createHash("sha256").update(SAMPLE).digest("hex"));
    expect(hashApiKey(SAMPLE)).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("parseApiKey", () => {
  it("accepts a generated key and returns its prefix", () => {
    const { key, prefix } = generateApiKey();
    expect(parseApiKey(key)).toEqual({ key, prefix });
    expect(parseApiKey(SAMPLE)).toEqual({ key: SAMPLE, prefix: "lvk_3f9a1c2b" });
  });

  it.each([
    ["empty", ""],
    ["wrong scheme", SAMPLE.replace("lvk_", "sk__")],
    ["upper-case public id", SAMPLE.replace("3f9a1c2b", "3F9A1C2B")],
    ["short secret", SAMPLE.slice(0, -1)],
    ["long secret", `${SAMPLE}A`],
    ["non-base64url character", `${SAMPLE.slice(0, -1)}=`],
    ["whitespace", ` ${SAMPLE.slice(1)}`],
    ["huge input", "lvk_".padEnd(100_000, "a")],
  ])("rejects %s", (_label, raw) => {
    expect(parseApiKey(raw)).toBeNull();
  });
});

describe("parseBearer", () => {
  it.each([
    [`Bearer ${SAMPLE}`, SAMPLE],
    [`bearer ${SAMPLE}`, SAMPLE],
    [`BEARER  ${SAMPLE} `, SAMPLE],
  ])("reads %j", (header, key) => {
    expect(parseBearer(header)?.key).toBe(key);
  });

  it.each([
    ["null", null],
    ["no scheme", SAMPLE],
    ["Basic scheme", `Basic ${SAMPLE}`],
    ["two tokens", `Bearer ${SAMPLE} extra`],
    ["malformed key", "Bearer lvk_nothex00_abc"],
    ["oversized header", `Bearer ${"x".repeat(10_000)}`],
  ])("rejects %s", (_label, header) => {
    expect(parseBearer(header)).toBeNull();
  });
});

describe("scopes", () => {
  it("are stored sorted and deduplicated", () => {
    expect(formatScopes(["read", "ingest", "read"])).toBe("ingest,read");
  });

  it("drop what this code does not know when read back", () => {
    expect(parseScopes("ingest,admin, read")).toEqual(["ingest", "read"]);
    expect(parseScopes("propose,read")).toEqual(["propose", "read"]);
    expect(parseScopes("")).toEqual([]);
  });
});

describe("keyAllows", () => {
  const key = (serviceId: string | null, scopes: ApiKeyPrincipal["scopes"]): ApiKeyPrincipal => ({
    kind: "api-key",
    keyId: "k1",
    serviceId,
    scopes,
    label: "lvk_3f9a1c2b",
  });

  it.each([
    ["its own service with the scope", key("svc-a", ["ingest"]), "ingest", "svc-a", true],
    ["another service", key("svc-a", ["ingest", "read"]), "ingest", "svc-b", false],
    ["a missing scope", key("svc-a", ["read"]), "ingest", "svc-a", false],
    ["any service for an all-services key", key(null, ["read"]), "read", "svc-z", true],
    ["a missing scope on an all-services key", key(null, ["ingest"]), "read", "svc-z", false],
  ] as const)("%s", (_label, principal, scope, serviceId, expected) => {
    expect(keyAllows(principal, scope, serviceId)).toBe(expected);
  });
});
