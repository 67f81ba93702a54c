import type { AlertNotice } from "@/lib/domain/alerts/types.ts";
import type { TicketConfig } from "@/lib/schemas/channels.ts";
import { noticeSummary, type OutboundMessage, type OutboundRequest } from "./types.ts";
import { signedJson } from "./webhook.ts";

// A ticketing bridge (typically for warning-tier alerts): one ticket per alert episode, keyed by the alert
// key plus the episode's alert id so a receiver can upsert. Signed like the webhook when a secret is set.
//   trigger  → { "action": "create",  "ticket": { key, title, description, severity, service, url, labels } }
//   renotify → { "action": "comment", "ticket": { key }, "comment": "…" }
//   resolve  → { "action": "close",   "ticket": { key }, "comment": "…" }
//   test     → { "action": "test", "channel": "<name>", "at": "<ISO>" }

function ticketKey(n: AlertNotice): string {
  return `${n.alertKey}:${n.alertId}`;
}

function body(n: AlertNotice): unknown {
  const key = ticketKey(n);
  const summary = noticeSummary(n);
  if (n.kind === "resolve") return { action: "close", ticket: { key }, comment: `${summary} at ${n.resolvedAt ?? n.at}.` };
  if (n.kind === "renotify") return { action: "comment", ticket: { key }, comment: `${summary} (${n.at}).` };
  const components = n.topComponents.map((c) => `- ${c.metric}: ${c.value ?? "no data"}`).join("\n");
  return {
    action: "create",
    ticket: {
      key,
      title: summary,
      description: `${summary}\nFiring since ${n.firingSince ?? n.pendingSince}.\n${components}\n${n.url}`,
      severity: n.severity,
      service: n.service.slug,
      url: n.url,
      labels: ["llm-vitals", n.service.slug, n.severity],
    },
  };
}

export function buildTicketRequest(config: TicketConfig, message: OutboundMessage, now: Date): OutboundRequest | null {
  if (message.type === "test") return signedJson(config.url, { action: "test", channel: message.channel, at: message.at }, config.secret, now);
  if (message.type !== "notice" || message.notice.kind === "refresh") return null;
  return signedJson(config.url, body(message.notice), config.secret, now);
}
