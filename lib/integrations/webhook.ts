import type { WebhookConfig } from "@/lib/schemas/channels.ts";
import { signedHeaders } from "./signature.ts";
import type { OutboundMessage, OutboundRequest } from "./types.ts";

// The generic webhook: the notice as JSON, signed (see signature.ts). Body:
//   { "type": "alert", "kind": "trigger"|"renotify"|"resolve", "alert": <AlertNotice> }
//   { "type": "test", "channel": "<name>", "at": "<ISO>" }
// Refreshes (Alertmanager's keep-alive) and mitigations are not for this channel.

export function signedJson(url: string, payload: unknown, secret: string | undefined, now: Date): OutboundRequest {
  const body = JSON.stringify(payload);
  return { method: "POST", url, headers: { "content-type": "application/json", ...signedHeaders(secret, body, now) }, body };
}

export function buildWebhookRequest(config: WebhookConfig, message: OutboundMessage, now: Date): OutboundRequest | null {
  if (message.type === "test") return signedJson(config.url, message, config.secret, now);
  if (message.type !== "notice" || message.notice.kind === "refresh") return null;
  return signedJson(config.url, { type: "alert", kind: message.notice.kind, alert: message.notice }, config.secret, now);
}
