import type { ActionConfig } from "@/lib/schemas/channels.ts";
import type { OutboundMessage, OutboundRequest } from "./types.ts";
import { signedJson } from "./webhook.ts";

// An action webhook: an automated mitigation for critical alerts (e.g. shift traffic to a fallback model),
// signed like the generic webhook. Alert notices are not sent here; only:
//   { "type": "mitigate", "action": "shift_traffic", "params": {…}, "alert": { id, alertKey, service, severity, score, url }, "at" }
//   { "type": "revert",   …same fields… }   when an engineer overrides the mitigation
//   { "type": "test", "channel": "<name>", "at" }  — must change nothing
// The action and params are the ones recorded when the mitigation was proposed, not the channel's current
// ones, so a revert undoes exactly what was applied.

export function buildActionRequest(config: ActionConfig, message: OutboundMessage, now: Date): OutboundRequest | null {
  if (message.type === "test") return signedJson(config.url, message, config.secret, now);
  if (message.type === "notice") return null;
  const { mitigation, alert, at } = message;
  return signedJson(config.url, { type: message.type, action: mitigation.action, params: mitigation.params, alert, at }, config.secret, now);
}
