import type { NoticeKind } from "@/lib/domain/alerts/types.ts";
import type { ChannelKind, ChannelTarget } from "@/lib/schemas/channels.ts";
import { buildActionRequest } from "./action.ts";
import { buildAlertmanagerRequest } from "./alertmanager.ts";
import { buildPagerDutyRequest } from "./pagerduty.ts";
import { buildSlackRequest } from "./slack.ts";
import { buildTicketRequest } from "./ticket.ts";
import type { OutboundMessage, OutboundRequest } from "./types.ts";
import { buildWebhookRequest } from "./webhook.ts";

/** The HTTP request for one message to one channel; null when that kind of channel does not take it. */
export function buildRequest(target: ChannelTarget, message: OutboundMessage, now: Date): OutboundRequest | null {
  switch (target.kind) {
    case "webhook":
      return buildWebhookRequest(target.config, message, now);
    case "slack":
      return buildSlackRequest(target.config, message);
    case "pagerduty":
      return buildPagerDutyRequest(target.config, message);
    case "alertmanager":
      return buildAlertmanagerRequest(target.config, message);
    case "ticket":
      return buildTicketRequest(target.config, message, now);
    case "action":
      return buildActionRequest(target.config, message, now);
  }
}

/**
 * Which notice kinds a channel kind takes. Only Alertmanager takes `refresh` (it forgets an alert that is not
 * re-sent); action channels take no notices (their mitigate delivery is queued separately).
 */
export function acceptsNotice(kind: ChannelKind | string, notice: NoticeKind): boolean {
  if (kind === "action") return false;
  return notice !== "refresh" || kind === "alertmanager";
}
