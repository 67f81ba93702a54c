import { describe, expect, it } from "vitest";
import { complianceText, costPer1k, perDollar, targetText } from "./format.ts";

describe("vendor formats", () => {
  it("spells the figures", () => {
    expect(costPer1k(0.00243)).toBe("$0.0024");
    expect(costPer1k(0.0125)).toBe("$0.013");
    expect(costPer1k(null)).toBe("—");
    expect(perDollar(26190.4)).toBe("26,190");
    expect(targetText({ latencyP95Ms: 10_000, maxErrorRate: 0.15 })).toBe("p95 ≤ 10.0 s, errors ≤ 15.0 %");
    const c = { compliantMs: 45, measuredMs: 48, share: 45 / 48, buckets: 48, missed: 3 };
    expect(complianceText(c, { latencyP95Ms: 1, maxErrorRate: 0 })).toBe("93.8 % (3 of 48 missed)");
    expect(complianceText(null, null)).toBe("no target");
  });
});
