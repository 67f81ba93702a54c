import { describe, expect, it } from "vitest";
import { CreateChannelInput, DEFAULT_PAGERDUTY_URL } from "./channels.ts";

const issues = (input: unknown) => {
  const r = CreateChannelInput.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
};

describe("channel input", () => {
  it("accepts each kind and fills PagerDuty's default URL and empty action params", () => {
    const pd = CreateChannelInput.parse({ name: "oncall", kind: "pagerduty", config: { routingKey: "a".repeat(32) } });
    expect(pd).toEqual({ name: "oncall", kind: "pagerduty", config: { routingKey: "a".repeat(32), url: DEFAULT_PAGERDUTY_URL } });
    const action = CreateChannelInput.parse({ name: "ops", kind: "action", config: { url: "http://x.test/a", secret: "s".repeat(16), action: "shift_traffic" } });
    expect(action).toMatchObject({ config: { params: {} } });
    expect(issues({ name: "am", kind: "alertmanager", config: { url: "http://127.0.0.1:9093" } })).toEqual([]);
    expect(issues({ name: "t", kind: "ticket", config: { url: "https://t.test/hook" } })).toEqual([]);
  });

  it.each([
    [{ name: "Bad Name", kind: "slack", config: { url: "https://hooks.slack.com/services/x" } }, /^name: Use lowercase letters/],
    [{ name: "w", kind: "webhook", config: { url: "ftp://x", secret: "short" } }, /^config\.url: Expected an http/],
    [{ name: "w", kind: "webhook", config: { url: "http://x.test/", secret: "short" } }, /^config\.secret: Use a secret of at least 16/],
    [{ name: "p", kind: "pagerduty", config: { routingKey: "abc" } }, /^config\.routingKey: Expected the 32-character routing/],
    [{ name: "a", kind: "alertmanager", config: { url: "http://am:9093/api/v2/alerts" } }, /^config\.url: Give Alertmanager's base URL/],
    [{ name: "x", kind: "email", config: {} }, /^kind: Choose a channel kind: webhook, slack/],
    [{ name: "o", kind: "action", config: { url: "http://x.test/", secret: "s".repeat(16), action: "Shift Traffic" } }, /^config\.action: Name the action in snake_case/],
    [{ name: "o", kind: "action", config: { url: "http://x.test/", secret: "s".repeat(16), action: "a", params: [1] } }, /^config\.params: Expected the action's parameters as a JSON object/],
  ])("rejects %j with a precise message", (input, message) => {
    expect(issues(input)[0]).toMatch(message);
  });
});
