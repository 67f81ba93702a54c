import { describe, expect, it } from "vitest";
import { truncateUtf8 } from "./event.ts";

describe("truncateUtf8", () => {
  it("leaves short text alone", () => {
    expect(truncateUtf8("hello", 8)).toBe("hello");
  });

  it("cuts ASCII at the byte limit", () => {
    expect(truncateUtf8("abcdefghij", 4)).toBe("abcd");
  });

  it("never splits a multi-byte character", () => {
    // "é" is 2 bytes: "aé" = 3 bytes, "aéé" = 5 bytes. A 4-byte cut must stop after "aé".
    expect(truncateUtf8("aééé", 4)).toBe("aé");
    // "€" is 3 bytes: 2 bytes cannot hold one.
    expect(truncateUtf8("€€", 2)).toBe("");
  });

  it("keeps exactly 8 KiB of a long text", () => {
    const out = truncateUtf8("x".repeat(20_000));
    expect(new TextEncoder().encode(out).length).toBe(8192);
  });
});
