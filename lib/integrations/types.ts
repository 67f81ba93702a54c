import type { AlertNotice, Mitigation, NoticeKind } from "@/lib/domain/alerts/types.ts";
import type { Severity } from "@/lib/domain/alerts/state-machine.ts";

// What the outbox stores in Delivery.payload and what each channel module turns into an HTTP request. The
// payload is the message, not the rendered body: the body is built at send time from the channel's current
// config, so an admin who fixes a wrong URL or rotates a key also fixes the deliveries still waiting, and no
// secret (routing key, HMAC) is ever written to the delivery log.

/** Delivery.kind: a notice kind, or a test, or an action webhook's mitigation and its revert. */
export type DeliveryKind = NoticeKind | "test" | "mitigate" | "revert";

/** The alert an action webhook acts on; copied from the mitigate delivery into its revert. */
export interface MitigationTarget {
  id: string;
  alertKey: string;
  service: string;
  severity: Severity;
  score: number | null;
  url: string;
}

export type OutboundMessage =
  | { type: "notice"; notice: AlertNotice }
  | { type: "mitigate" | "revert"; mitigation: Mitigation; alert: MitigationTarget; at: string }
  | { type: "test"; channel: string; at: string };

export interface OutboundRequest {
  method: "POST";
  url: string;
  headers: Record<string, string>;
  body: string;
}

export function jsonRequest(url: string, payload: unknown, headers: Record<string, string> = {}): OutboundRequest {
  return { method: "POST", url, headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(payload) };
}

/** The text every channel shows for a notice: "support-bot critical alert firing: score 42 (threshold 50)". */
export function noticeSummary(n: AlertNotice): string {
  const score = n.score === null ? "no data" : `score ${n.score.toFixed(0)}`;
  const what = n.kind === "resolve" ? "resolved" : n.kind === "renotify" ? "still firing" : "firing";
  return `${n.service.name} ${n.severity} alert ${what}: ${score} (threshold ${n.threshold})`;
}
