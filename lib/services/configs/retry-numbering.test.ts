import { describe, expect, it } from "vitest";
import { withFreshVersionNumber } from "./retry-numbering.ts";

const clash = Object.assign(new Error("Unique constraint failed"), { code: "P2002" });

describe("withFreshVersionNumber", () => {
  it("retries a numbering clash and returns the retry's result", async () => {
    let calls = 0;
    const result = await withFreshVersionNumber(async () => {
      calls++;
      if (calls < 3) throw clash;
      return "v7";
    });
    expect([result, calls]).toEqual(["v7", 3]);
  });

  it("gives up with a 409 after three clashes and passes other errors through at once", async () => {
    let calls = 0;
    await expect(withFreshVersionNumber(async () => {
      calls++;
      throw clash;
    })).rejects.toMatchObject({ status: 409 });
    expect(calls).toBe(3);
    const other = new Error("disk full");
    await expect(withFreshVersionNumber(async () => Promise.reject(other))).rejects.toBe(other);
  });
});
