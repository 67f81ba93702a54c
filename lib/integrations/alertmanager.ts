import type { AlertNotice } from "@/lib/domain/alerts/types.ts";
import type { AlertmanagerConfig } from "@/lib/schemas/channels.ts";
import { jsonRequest, noticeSummary, type OutboundMessage, type OutboundRequest } from "./types.ts";

// Alertmanager API v2: POST {url}/api/v2/alerts with an array of alerts. Alertmanager identifies an alert by
// its label set, so the labels hold the alert key and nothing that changes during an episode (the score is an
// annotation). A firing alert carries no endsAt; Alertmanager then resolves it by itself after its
// resolve_timeout unless it is re-sent, hence the evaluator's `refresh` notices. The resolve sets endsAt.

export const ALERTNAME = "LLMVitalsScore";

function endpoint(config: AlertmanagerConfig): string {
  return `${config.url.replace(/\/+$/, "")}/api/v2/alerts`;
}

function toAlert(n: AlertNotice) {
  return {
    labels: { alertname: ALERTNAME, service: n.service.slug, severity: n.severity, alert_key: n.alertKey },
    annotations: {
      summary: noticeSummary(n),
      description: `Health score of ${n.service.name} (${n.service.businessUnit}, risk tier ${n.service.riskTier}) is below the ${n.severity} threshold ${n.threshold}.`,
      score: n.score === null ? "no data" : n.score.toFixed(1),
    },
    startsAt: n.firingSince ?? n.pendingSince,
    ...(n.kind === "resolve" ? { endsAt: n.resolvedAt ?? n.at } : {}),
    generatorURL: n.url,
  };
}

export function buildAlertmanagerRequest(config: AlertmanagerConfig, message: OutboundMessage): OutboundRequest | null {
  if (message.type === "test") {
    // Already ended when it arrives: Alertmanager accepts it (the check) and notifies nobody.
    const alert = { labels: { alertname: "LLMVitalsTest", channel: message.channel }, startsAt: message.at, endsAt: message.at };
    return jsonRequest(endpoint(config), [alert]);
  }
  if (message.type !== "notice") return null;
  return jsonRequest(endpoint(config), [toAlert(message.notice)]);
}
