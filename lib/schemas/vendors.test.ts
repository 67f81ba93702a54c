import { describe, expect, it } from "vitest";
import { ProviderSlaInput, VendorQuery } from "./vendors.ts";

const issues = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  r.error?.issues.map((i) => `${i.path.join(".")}: ${i.message}`);

describe("VendorQuery", () => {
  it("takes the reports' periods and drops their grouping", () => {
    expect(VendorQuery.parse({})).toEqual({ period: "month", date: undefined, from: undefined, to: undefined });
    expect(VendorQuery.parse({ period: "custom", from: "2026-11-01T00:00:00Z", to: "2026-11-02T00:00:00Z" })).toMatchObject({
      from: Date.parse("2026-11-01T00:00:00Z"), to: Date.parse("2026-11-02T00:00:00Z"),
    });
  });

  it("names the parameter at fault", () => {
    expect(issues(VendorQuery.safeParse({ period: "custom", from: "2026-11-01T00:00:00Z" }))).toEqual(["to: A custom period needs to (RFC 3339)."]);
    expect(issues(VendorQuery.safeParse({ period: "year" }))).toEqual(["period: Expected one of week, month, quarter, custom."]);
    expect(VendorQuery.safeParse({ groupBy: "risk_tier" }).error?.issues[0]).toMatchObject({ code: "unrecognized_keys", keys: ["groupBy"] });
  });
});

describe("ProviderSlaInput", () => {
  it("reads form strings", () => {
    expect(ProviderSlaInput.parse({ provider: " anthropic ", latencyP95Ms: "4000", maxErrorRatePercent: "5" })).toEqual({
      provider: "anthropic", latencyP95Ms: 4000, maxErrorRatePercent: 5,
    });
  });

  it("refuses empty, negative and out-of-range targets with the field's message", () => {
    expect(issues(ProviderSlaInput.safeParse({ provider: "", latencyP95Ms: "", maxErrorRatePercent: "101" }))).toEqual([
      "provider: Expected a provider name.",
      "latencyP95Ms: Expected a p95 latency in milliseconds.",
      "maxErrorRatePercent: The error rate target is between 0 and 100 %.",
    ]);
    expect(issues(ProviderSlaInput.safeParse({ provider: "x", latencyP95Ms: "-1", maxErrorRatePercent: "abc" }))).toEqual([
      "latencyP95Ms: The p95 latency target must be above 0 ms.",
      "maxErrorRatePercent: Expected an error rate in percent.",
    ]);
  });
});
