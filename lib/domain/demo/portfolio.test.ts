import { describe, expect, it } from "vitest";
import { DEMO_INCIDENTS } from "./incidents.ts";
import { DEMO_MODELS } from "./models.ts";
import { BUSINESS_UNITS, DEMO_SERVICES, findDemoService } from "./portfolio.ts";

describe("demo portfolio", () => {
  it("covers enough services, business units and risk tiers", () => {
    expect(DEMO_SERVICES.length).toBeGreaterThanOrEqual(9);
    const slugs = DEMO_SERVICES.map((s) => s.slug);
    expect(new Set(slugs).size).toBe(slugs.length);
    for (const slug of [
      "customer-support-chatbot",
      "legal-rag-assistant",
      "marketing-copy-generator",
      "financial-doc-extraction",
      "internal-faq-bot",
    ]) {
      expect(findDemoService(slug)?.slug).toBe(slug);
    }
    expect(new Set(DEMO_SERVICES.map((s) => s.businessUnit)).size).toBeGreaterThanOrEqual(3);
    expect(new Set(DEMO_SERVICES.map((s) => s.riskTier)).size).toBeGreaterThanOrEqual(3);
    for (const s of DEMO_SERVICES) expect(BUSINESS_UNITS).toContain(s.businessUnit);
  });

  it("has valid metadata for every service", () => {
    for (const s of DEMO_SERVICES) {
      expect(s.slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(s.description.trim().endsWith(".")).toBe(true);
      expect(s.owners.length).toBeGreaterThan(0);
      expect(s.traffic.perMinute).toBeGreaterThan(0);
      expect(s.traffic.nightFactor).toBeGreaterThan(0);
      expect(s.traffic.nightFactor).toBeLessThanOrEqual(1);
      expect(s.embeddingDim).toBe(8);
      expect(s.errorRate).toBeLessThan(0.05);
      for (const [name, value] of Object.entries(s.evals)) {
        expect(value, `${s.slug} ${name}`).toBeGreaterThanOrEqual(0);
        expect(value, `${s.slug} ${name}`).toBeLessThanOrEqual(1);
      }
    }
    expect(DEMO_SERVICES.some((s) => !s.storePrompts)).toBe(true);
    const ownedByOwner = DEMO_SERVICES.filter((s) => s.owners.includes("owner@vitals.local")).length;
    expect(ownedByOwner).toBeGreaterThanOrEqual(4);
    expect(DEMO_SERVICES.length - ownedByOwner).toBeGreaterThanOrEqual(4);
  });

  it("mixes at least three providers and five models, all in the catalogue", () => {
    const models = new Set(DEMO_SERVICES.flatMap((s) => Object.keys(s.models)));
    for (const m of models) expect(Object.keys(DEMO_MODELS)).toContain(m);
    const providers = new Set([...models].map((m) => DEMO_MODELS[m as keyof typeof DEMO_MODELS].provider));
    expect(models.size).toBeGreaterThanOrEqual(5);
    expect(providers.size).toBeGreaterThanOrEqual(3);
  });

  it("attaches every incident to an existing service", () => {
    for (const incident of DEMO_INCIDENTS) {
      const service = findDemoService(incident.service);
      expect(service, incident.id).toBeDefined();
      if (incident.kind === "latency_spike") {
        const providers = Object.keys(service?.models ?? {}).map((m) => DEMO_MODELS[m as keyof typeof DEMO_MODELS].provider);
        expect(providers).toContain(incident.provider);
      }
      if (incident.kind === "embedding_drift") expect(service?.attributes[incident.attribute]).toBeDefined();
      if (incident.kind === "hallucination_regression") expect(service?.variants[incident.fromVariant]).toBeGreaterThan(0);
    }
    expect(new Set(DEMO_INCIDENTS.map((i) => i.id)).size).toBe(DEMO_INCIDENTS.length);
  });
});
