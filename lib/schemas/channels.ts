import { z } from "zod";

// Notification channels (Settings → Channels): a name the score configs route to, a kind, and a per-kind
// config stored as JSON in Channel.config. Shared by the Settings form, the use cases and the outbox, which
// re-parses the stored config before every send (a bad manual edit fails that delivery, not the process).

export const CHANNEL_KINDS = ["webhook", "slack", "pagerduty", "alertmanager", "ticket", "action"] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

export const DEFAULT_PAGERDUTY_URL = "https://events.pagerduty.com/v2/enqueue";

export const ChannelName = z
  .string({ error: "Give the channel a name." })
  .trim()
  .min(1, "Give the channel a name, e.g. oncall-pagerduty.")
  .max(63, "Keep the name to 63 characters or fewer.")
  .regex(/^[a-z0-9][a-z0-9-]*$/, "Use lowercase letters, digits and dashes, starting with a letter or digit (score configs route to this name).");

const HttpUrl = z
  .string({ error: "Give a URL." })
  .trim()
  .min(1, "Give a URL, e.g. https://hooks.example.com/vitals.")
  .refine((s) => URL.canParse(s) && /^https?:$/.test(new URL(s).protocol), { error: "Expected an http:// or https:// URL." });

const Secret = z
  .string({ error: "Give a shared secret." })
  .min(16, "Use a secret of at least 16 characters (it signs each request with HMAC-SHA256).")
  .max(256, "Keep the secret to 256 characters or fewer.");

export const WebhookConfig = z.object({ url: HttpUrl, secret: Secret });
export const SlackConfig = z.object({
  url: HttpUrl.refine((s) => !URL.canParse(s) || new URL(s).pathname.length > 1, { error: "Expected the incoming-webhook URL Slack gave you (https://hooks.slack.com/services/…)." }),
});
export const PagerDutyConfig = z.object({
  routingKey: z
    .string({ error: "Give the integration's routing key." })
    .trim()
    .regex(/^[A-Za-z0-9]{32}$/, "Expected the 32-character routing (integration) key of a PagerDuty Events API v2 integration."),
  url: HttpUrl.default(DEFAULT_PAGERDUTY_URL),
});
export const AlertmanagerConfig = z.object({
  url: HttpUrl.refine((s) => !URL.canParse(s) || !new URL(s).pathname.includes("/api/"), { error: "Give Alertmanager's base URL (e.g. http://127.0.0.1:9093), without /api/v2/alerts." }),
});
export const TicketConfig = z.object({ url: HttpUrl, secret: Secret.optional() });
export const ActionConfig = z.object({
  url: HttpUrl,
  secret: Secret,
  action: z
    .string({ error: "Name the action, e.g. shift_traffic." })
    .trim()
    .regex(/^[a-z][a-z0-9_]{0,62}$/, "Name the action in snake_case, e.g. shift_traffic."),
  params: z.record(z.string(), z.unknown(), { error: 'Expected the action\'s parameters as a JSON object, e.g. {"percent": 50}.' }).default({}),
});

export type WebhookConfig = z.infer<typeof WebhookConfig>;
export type SlackConfig = z.infer<typeof SlackConfig>;
export type PagerDutyConfig = z.infer<typeof PagerDutyConfig>;
export type AlertmanagerConfig = z.infer<typeof AlertmanagerConfig>;
export type TicketConfig = z.infer<typeof TicketConfig>;
export type ActionConfig = z.infer<typeof ActionConfig>;

const kindError = { error: `Choose a channel kind: ${CHANNEL_KINDS.join(", ")}.` };

/** A channel's kind and config, discriminated by kind: what the outbox needs to build a request. */
export const ChannelTarget = z.discriminatedUnion(
  "kind",
  [
    z.object({ kind: z.literal("webhook"), config: WebhookConfig }),
    z.object({ kind: z.literal("slack"), config: SlackConfig }),
    z.object({ kind: z.literal("pagerduty"), config: PagerDutyConfig }),
    z.object({ kind: z.literal("alertmanager"), config: AlertmanagerConfig }),
    z.object({ kind: z.literal("ticket"), config: TicketConfig }),
    z.object({ kind: z.literal("action"), config: ActionConfig }),
  ],
  kindError,
);
export type ChannelTarget = z.infer<typeof ChannelTarget>;

export const CreateChannelInput = z.intersection(z.object({ name: ChannelName }), ChannelTarget);
export type CreateChannelInput = z.input<typeof CreateChannelInput>;
export type ChannelInput = z.infer<typeof CreateChannelInput>;

export const ChannelId = z.string({ error: "Say which channel." }).min(1, "Say which channel.").max(64, "That is not a channel id.");

/**
 * An edit: the same fields plus the id. Secret fields (secret, routingKey) may be left empty to keep the
 * stored value, so the form never has to show a secret back; update-channel fills them in before parsing.
 */
export const UpdateChannelInput = z.intersection(z.object({ id: ChannelId }), CreateChannelInput);
export type UpdateChannelInput = z.input<typeof UpdateChannelInput>;

/** The config fields that hold secrets: masked in lists, kept when an edit leaves them empty. */
export const SECRET_FIELDS = ["secret", "routingKey"] as const;

export const SetChannelEnabledInput = z.object({ id: ChannelId, enabled: z.boolean({ error: "Say whether to enable or disable the channel." }) });
