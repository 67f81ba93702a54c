import type { AlertNotice } from "@/lib/domain/alerts/types.ts";
import type { SlackConfig } from "@/lib/schemas/channels.ts";
import { jsonRequest, noticeSummary, type OutboundMessage, type OutboundRequest } from "./types.ts";

// Slack incoming webhook: Block Kit with the headline, score and status, the top components and a button to
// the service page. `text` is the fallback Slack shows in notifications and to screen readers.

const EMOJI = { trigger: ":rotating_light:", renotify: ":rotating_light:", resolve: ":white_check_mark:" } as const;

function componentLine(c: AlertNotice["topComponents"][number]): string {
  const value = c.value === null ? "no data" : String(c.value);
  const lost = c.pointsLost === null ? "" : ` (−${c.pointsLost.toFixed(1)} pts)`;
  return `• ${c.metric}: ${value}${lost}`;
}

function noticeBlocks(n: AlertNotice & { kind: keyof typeof EMOJI }) {
  const summary = noticeSummary(n);
  const fields = [
    { type: "mrkdwn", text: `*Score*\n${n.score === null ? "no data" : n.score.toFixed(0)} (threshold ${n.threshold})` },
    { type: "mrkdwn", text: `*Status*\n${n.status}` },
    { type: "mrkdwn", text: `*Service*\n${n.service.name} (${n.service.slug})` },
    { type: "mrkdwn", text: `*Severity*\n${n.severity}` },
  ];
  const blocks: unknown[] = [
    { type: "section", text: { type: "mrkdwn", text: `${EMOJI[n.kind]} *${summary}*` } },
    { type: "section", fields },
  ];
  if (n.topComponents.length > 0) {
    blocks.push({ type: "section", text: { type: "mrkdwn", text: `*Top components*\n${n.topComponents.map(componentLine).join("\n")}` } });
  }
  blocks.push({ type: "actions", elements: [{ type: "button", text: { type: "plain_text", text: "Open in LLM Vitals" }, url: n.url }] });
  return { text: summary, blocks };
}

export function buildSlackRequest(config: SlackConfig, message: OutboundMessage): OutboundRequest | null {
  if (message.type === "test") return jsonRequest(config.url, { text: `LLM Vitals test notification for channel ${message.channel}.` });
  if (message.type !== "notice") return null;
  const n = message.notice;
  if (n.kind === "refresh") return null;
  return jsonRequest(config.url, noticeBlocks({ ...n, kind: n.kind }));
}
