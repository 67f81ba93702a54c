import type { PagerDutyConfig } from "@/lib/schemas/channels.ts";
import { jsonRequest, noticeSummary, type OutboundMessage, type OutboundRequest } from "./types.ts";

// PagerDuty Events API v2. dedup_key is the alert key (service:severity), so a trigger, its renotifications
// and its resolve all address one incident. Severity maps one to one (critical → critical, warning → warning).

export function buildPagerDutyRequest(config: PagerDutyConfig, message: OutboundMessage): OutboundRequest | null {
  if (message.type === "test") {
    // A resolve for a key no incident has: PagerDuty checks the routing key and answers 202, and nobody is paged.
    return jsonRequest(config.url, { routing_key: config.routingKey, event_action: "resolve", dedup_key: `llm-vitals-test:${message.channel}` });
  }
  if (message.type !== "notice" || message.notice.kind === "refresh") return null;
  const n = message.notice;
  return jsonRequest(config.url, {
    routing_key: config.routingKey,
    event_action: n.kind === "resolve" ? "resolve" : "trigger",
    dedup_key: n.alertKey,
    payload: {
      summary: noticeSummary(n),
      severity: n.severity,
      source: n.service.slug,
      timestamp: n.at,
      component: "llm-vitals",
      group: n.service.businessUnit,
      class: "llm-health-score",
      custom_details: {
        score: n.score,
        status: n.status,
        threshold: n.threshold,
        risk_tier: n.service.riskTier,
        firing_since: n.firingSince,
        resolved_at: n.resolvedAt,
        config_version: n.configVersion,
        top_components: n.topComponents,
      },
    },
    links: [{ href: n.url, text: "Open in LLM Vitals" }],
  });
}
