import type { AlertNotice } from "@/lib/domain/alerts/types.ts";

// A fixed notice for the payload tests (unit and integration).

export function fixedNotice(overrides: Partial<AlertNotice> = {}): AlertNotice {
  return {
    kind: "trigger",
    alertId: "alert-1",
    alertKey: "support-bot:critical",
    severity: "critical",
    service: { slug: "support-bot", name: "Support Bot", businessUnit: "Customer Care", riskTier: "high" },
    score: 41.6,
    status: "critical",
    threshold: 50,
    pendingSince: "2026-11-26T11:55:00.000Z",
    firingSince: "2026-11-26T12:00:00.000Z",
    resolvedAt: null,
    topComponents: [
      { metric: "latency_p95_ms", value: 4200, pointsLost: 18.5 },
      { metric: "error_rate", value: null, pointsLost: null },
    ],
    configVersion: 3,
    url: "http://vitals.local/services/support-bot?from=2026-11-26T11%3A55%3A00.000Z",
    at: "2026-11-26T12:00:00.000Z",
    ...overrides,
  };
}
