import { describe, expect, it } from "vitest";
import { topLoser, type PortfolioEntry } from "@/lib/services/health/get-portfolio-health.ts";
import { visibleServices, type PortfolioFilter } from "./portfolio-rows.ts";

const entry = (name: string, status: PortfolioEntry["status"], score: number | null, extra: Partial<PortfolioEntry> = {}): PortfolioEntry => ({
  slug: name.toLowerCase(), name, businessUnit: "Sales", riskTier: "low", window: "1h", score, status, coverage: 1, events: 100, configVersion: 1, openAlerts: { warning: 0, critical: 0 }, topComponent: null, ...extra,
});
const NONE: PortfolioFilter = { q: "", businessUnit: "", riskTier: "", provider: "", status: "" };

describe("the portfolio list", () => {
  const services = [
    entry("Healthy", "healthy", 95),
    entry("Quiet", "no_data", null),
    entry("Warn", "warning", 70),
    entry("Worst", "critical", 25, { businessUnit: "Support", riskTier: "high" }),
    entry("Bad", "critical", 40),
  ];

  it("puts the worst first: critical by score, then warning, no data, healthy", () => {
    expect(visibleServices(services, NONE, {}).map((s) => s.name)).toEqual(["Worst", "Bad", "Warn", "Quiet", "Healthy"]);
  });

  it("narrows by search, unit, tier, provider and status", () => {
    const names = (f: Partial<PortfolioFilter>, providers: Record<string, string[]> = {}) => visibleServices(services, { ...NONE, ...f }, providers).map((s) => s.name);
    expect(names({ q: " WAR" })).toEqual(["Warn"]);
    expect(names({ businessUnit: "Support" })).toEqual(["Worst"]);
    expect(names({ riskTier: "high" })).toEqual(["Worst"]);
    expect(names({ provider: "anthropic" }, { bad: ["anthropic", "openai"], healthy: ["anthropic"] })).toEqual(["Bad", "Healthy"]);
    expect(names({ status: "critical" })).toEqual(["Worst", "Bad"]);
  });

  it("names the component losing the most points, or none when nothing loses any", () => {
    const c = (metric: string, pointsLost: number | null) => ({ metric, pointsLost, value: 0, samples: 0, good: 0, bad: 1, weight: 1, normalized: null });
    expect(topLoser([c("a", 3), c("b", 17.5), c("c", null)])).toEqual({ metric: "b", pointsLost: 17.5 });
    expect(topLoser([c("a", 0), c("b", null)])).toBeNull();
    expect(topLoser([])).toBeNull();
  });
});
