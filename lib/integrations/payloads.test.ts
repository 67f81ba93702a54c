import { describe, expect, it } from "vitest";
import type { ChannelTarget } from "@/lib/schemas/channels.ts";
import { acceptsNotice, buildRequest } from "./build-request.ts";
import { fixedNotice } from "./notice-fixture.ts";
import { verifySignature } from "./signature.ts";
import type { OutboundMessage, OutboundRequest } from "./types.ts";

const now = new Date("2026-11-26T12:00:05Z");
const SECRET = "0123456789abcdef-secret";
const notice = fixedNotice();
const resolved = fixedNotice({ kind: "resolve", resolvedAt: "2026-11-26T12:30:00.000Z", at: "2026-11-26T12:30:00.000Z", score: 77, status: "healthy" });
const msg = (n = notice): OutboundMessage => ({ type: "notice", notice: n });
const body = (r: OutboundRequest | null) => JSON.parse(r!.body) as unknown;
const SUMMARY = "Support Bot critical alert firing: score 42 (threshold 50)";

const targets = {
  webhook: { kind: "webhook", config: { url: "http://hooks.test/w", secret: SECRET } },
  slack: { kind: "slack", config: { url: "http://hooks.test/slack/T/B/X" } },
  pagerduty: { kind: "pagerduty", config: { routingKey: "R".repeat(32), url: "http://pd.test/v2/enqueue" } },
  alertmanager: { kind: "alertmanager", config: { url: "http://am.test:9093/" } },
  ticket: { kind: "ticket", config: { url: "http://tickets.test/hook" } },
  action: { kind: "action", config: { url: "http://ops.test/act", secret: SECRET, action: "shift_traffic", params: { percent: 50 } } },
} satisfies Record<string, ChannelTarget>;

describe("generic webhook", () => {
  it("sends the notice as JSON, signed with the channel's secret", () => {
    const r = buildRequest(targets.webhook, msg(), now)!;
    expect(r.url).toBe("http://hooks.test/w");
    expect(body(r)).toEqual({ type: "alert", kind: "trigger", alert: notice });
    expect(r.headers["X-Vitals-Signature"]).toMatch(/^t=1795694405,v1=[0-9a-f]{64}$/);
    expect(verifySignature(SECRET, r.headers["X-Vitals-Signature"], r.body, now)).toBe(true);
  });
});

describe("Slack", () => {
  it("shows headline, score, status, top components and a link button", () => {
    expect(body(buildRequest(targets.slack, msg(), now))).toEqual({
      text: SUMMARY,
      blocks: [
        { type: "section", text: { type: "mrkdwn", text: `:rotating_light: *${SUMMARY}*` } },
        {
          type: "section",
          fields: [
            { type: "mrkdwn", text: "*Score*\n42 (threshold 50)" },
            { type: "mrkdwn", text: "*Status*\ncritical" },
            { type: "mrkdwn", text: "*Service*\nSupport Bot (support-bot)" },
            { type: "mrkdwn", text: "*Severity*\ncritical" },
          ],
        },
        { type: "section", text: { type: "mrkdwn", text: "*Top components*\n• latency_p95_ms: 4200 (−18.5 pts)\n• error_rate: no data" } },
        { type: "actions", elements: [{ type: "button", text: { type: "plain_text", text: "Open in LLM Vitals" }, url: notice.url }] },
      ],
    });
  });
});

describe("PagerDuty Events API v2", () => {
  it("triggers with the alert key as dedup_key and resolves the same key", () => {
    expect(body(buildRequest(targets.pagerduty, msg(), now))).toEqual({
      routing_key: "R".repeat(32),
      event_action: "trigger",
      dedup_key: "support-bot:critical",
      payload: {
        summary: SUMMARY,
        severity: "critical",
        source: "support-bot",
        timestamp: "2026-11-26T12:00:00.000Z",
        component: "llm-vitals",
        group: "Customer Care",
        class: "llm-health-score",
        custom_details: {
          score: 41.6, status: "critical", threshold: 50, risk_tier: "high", firing_since: "2026-11-26T12:00:00.000Z",
          resolved_at: null, config_version: 3, top_components: notice.topComponents,
        },
      },
      links: [{ href: notice.url, text: "Open in LLM Vitals" }],
    });
    const resolve = body(buildRequest(targets.pagerduty, msg(resolved), now)) as Record<string, unknown>;
    expect(resolve).toMatchObject({ event_action: "resolve", dedup_key: "support-bot:critical" });
    const warning = body(buildRequest(targets.pagerduty, msg(fixedNotice({ severity: "warning", alertKey: "support-bot:warning" })), now));
    expect(warning).toMatchObject({ dedup_key: "support-bot:warning", payload: { severity: "warning" } });
  });
});

describe("Alertmanager v2", () => {
  const labels = { alertname: "LLMVitalsScore", service: "support-bot", severity: "critical", alert_key: "support-bot:critical" };
  it("posts one firing alert without endsAt", () => {
    const r = buildRequest(targets.alertmanager, msg(), now)!;
    expect(r.url).toBe("http://am.test:9093/api/v2/alerts");
    expect(body(r)).toEqual([
      {
        labels,
        annotations: {
          summary: SUMMARY,
          description: "Health score of Support Bot (Customer Care, risk tier high) is below the critical threshold 50.",
          score: "41.6",
        },
        startsAt: "2026-11-26T12:00:00.000Z",
        generatorURL: notice.url,
      },
    ]);
  });
  it("keeps the label set on refresh and sets endsAt = resolvedAt on resolve", () => {
    const refresh = body(buildRequest(targets.alertmanager, msg(fixedNotice({ kind: "refresh", score: 30 })), now)) as { labels: unknown; endsAt?: string }[];
    expect(refresh[0]!.labels).toEqual(labels);
    expect(refresh[0]).not.toHaveProperty("endsAt");
    const resolve = body(buildRequest(targets.alertmanager, msg(resolved), now)) as { labels: unknown; endsAt?: string }[];
    expect(resolve[0]).toMatchObject({ labels, endsAt: "2026-11-26T12:30:00.000Z", startsAt: "2026-11-26T12:00:00.000Z" });
  });
});

describe("ticket webhook", () => {
  it("creates on trigger, comments on renotify, closes on resolve, all under one key; unsigned without a secret", () => {
    const create = buildRequest(targets.ticket, msg(), now)!;
    expect(create.headers).toEqual({ "content-type": "application/json" });
    expect(body(create)).toEqual({
      action: "create",
      ticket: {
        key: "support-bot:critical:alert-1",
        title: SUMMARY,
        description: `${SUMMARY}\nFiring since 2026-11-26T12:00:00.000Z.\n- latency_p95_ms: 4200\n- error_rate: no data\n${notice.url}`,
        severity: "critical",
        service: "support-bot",
        url: notice.url,
        labels: ["llm-vitals", "support-bot", "critical"],
      },
    });
    expect(body(buildRequest(targets.ticket, msg(fixedNotice({ kind: "renotify" })), now))).toEqual({
      action: "comment", ticket: { key: "support-bot:critical:alert-1" }, comment: "Support Bot critical alert still firing: score 42 (threshold 50) (2026-11-26T12:00:00.000Z).",
    });
    expect(body(buildRequest(targets.ticket, msg(resolved), now))).toEqual({
      action: "close", ticket: { key: "support-bot:critical:alert-1" }, comment: "Support Bot critical alert resolved: score 77 (threshold 50) at 2026-11-26T12:30:00.000Z.",
    });
  });
});

describe("action webhook", () => {
  const mitigation = { channel: "ops", action: "shift_traffic", params: { percent: 50 }, state: "proposed" as const, proposedAt: notice.at };
  const alert = { id: "alert-1", alertKey: "support-bot:critical", service: "support-bot", severity: "critical" as const, score: 41.6, url: notice.url };
  it("sends mitigate and revert with the recorded action and params, signed; ignores notices", () => {
    const mitigate = buildRequest(targets.action, { type: "mitigate", mitigation, alert, at: notice.at }, now)!;
    expect(body(mitigate)).toEqual({ type: "mitigate", action: "shift_traffic", params: { percent: 50 }, alert, at: notice.at });
    expect(verifySignature(SECRET, mitigate.headers["X-Vitals-Signature"], mitigate.body, now)).toBe(true);
    const revert = buildRequest(targets.action, { type: "revert", mitigation: { ...mitigation, params: { percent: 50 } }, alert, at: "2026-11-26T12:10:00.000Z" }, now)!;
    expect(body(revert)).toMatchObject({ type: "revert", action: "shift_traffic", params: { percent: 50 } });
    expect(buildRequest(targets.action, msg(), now)).toBeNull();
  });
});

describe("which channel takes what", () => {
  it.each([
    ["webhook", "refresh", false], ["slack", "refresh", false], ["pagerduty", "refresh", false], ["ticket", "refresh", false],
    ["alertmanager", "refresh", true], ["alertmanager", "trigger", true], ["webhook", "renotify", true], ["action", "trigger", false],
  ] as const)("%s takes %s: %s", (kind, noticeKind, expected) => {
    expect(acceptsNotice(kind, noticeKind)).toBe(expected);
    if (kind !== "action") expect(buildRequest(targets[kind], msg(fixedNotice({ kind: noticeKind })), now) !== null).toBe(expected);
  });
  it("gives every kind a harmless test message", () => {
    const test: OutboundMessage = { type: "test", channel: "c", at: notice.at };
    expect(body(buildRequest(targets.pagerduty, test, now))).toEqual({ routing_key: "R".repeat(32), event_action: "resolve", dedup_key: "llm-vitals-test:c" });
    expect(body(buildRequest(targets.alertmanager, test, now))).toEqual([{ labels: { alertname: "LLMVitalsTest", channel: "c" }, startsAt: notice.at, endsAt: notice.at }]);
    for (const target of Object.values(targets)) expect(buildRequest(target, test, now)).not.toBeNull();
  });
});
