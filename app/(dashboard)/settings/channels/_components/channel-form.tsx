"use client";

import { useActionState, useState } from "react";
import { FieldError } from "@/components/ui/field-error.tsx";
import { INPUT_CLASS, TextField } from "@/components/ui/text-field.tsx";
import { CHANNEL_KINDS, DEFAULT_PAGERDUTY_URL, type ChannelKind } from "@/lib/schemas/channels.ts";
import { saveChannelAction, type SaveChannelState } from "../actions.ts";


const KIND_LABEL: Record<ChannelKind, string> = {
  webhook: "Webhook (signed JSON)",
  slack: "Slack (incoming webhook)",
  pagerduty: "PagerDuty (Events API v2)",
  alertmanager: "Alertmanager",
  ticket: "Ticket bridge (warning-tier tickets)",
  action: "Action webhook (automated mitigation)",
};

const URL_LABEL: Record<ChannelKind, { label: string; placeholder: string }> = {
  webhook: { label: "Endpoint URL", placeholder: "https://hooks.example.com/vitals" },
  slack: { label: "Incoming webhook URL", placeholder: "https://hooks.slack.com/services/…" },
  pagerduty: { label: "Events API URL", placeholder: DEFAULT_PAGERDUTY_URL },
  alertmanager: { label: "Alertmanager base URL", placeholder: "http://127.0.0.1:9093" },
  ticket: { label: "Ticket bridge URL", placeholder: "https://tickets.example.com/hooks/vitals" },
  action: { label: "Action endpoint URL", placeholder: "https://gateway.example.com/mitigations" },
};

export interface EditingChannel {
  id: string;
  name: string;
  kind: string;
  /** masked: secrets are never sent to the browser */
  config: Record<string, unknown>;
}

const isKind = (k: string): k is ChannelKind => (CHANNEL_KINDS as readonly string[]).includes(k);
const text = (v: unknown) => (typeof v === "string" ? v : v === undefined ? "" : JSON.stringify(v));

export function ChannelForm({ editing }: { editing?: EditingChannel }) {
  const [state, action, pending] = useActionState<SaveChannelState, FormData>(saveChannelAction, { ok: true });
  const initialKind = state.values?.kind ?? editing?.kind ?? "webhook";
  const [kind, setKind] = useState<ChannelKind>(isKind(initialKind) ? initialKind : "webhook");
  const errors = state.fieldErrors ?? {};
  const saved = state.ok && state.saved;
  // After a successful create the fields start empty again; a failed attempt keeps what was typed.
  const value = (field: keyof NonNullable<SaveChannelState["values"]>, fromConfig?: string) =>
    state.values?.[field] ?? (saved && !editing ? "" : fromConfig ?? "");
  const cfg = editing?.config ?? {};
  const keepHint = (field: string) => (editing && typeof cfg[field] === "string" ? `Leave empty to keep ${cfg[field] as string}` : undefined);

  const field = (name: "name" | "url" | "secret" | "routingKey" | "action", label: string, props: { placeholder?: string; type?: string; help?: string; defaultValue?: string }) => (
    <TextField id={`channel-${name}`} name={name} label={label} {...props} error={errors[name]} />
  );

  return (
    <form key={saved || "form"} action={action} noValidate className="mt-3 grid gap-4 md:grid-cols-2">
      {editing && <input type="hidden" name="id" value={editing.id} />}
      {state.message && (
        <p role="alert" className="rounded-md border border-critical/40 bg-critical-soft px-3 py-2 text-sm text-critical md:col-span-2">
          {state.message}
        </p>
      )}
      {saved && (
        <p role="status" className="rounded-md border border-healthy/40 bg-healthy-soft px-3 py-2 text-sm text-healthy md:col-span-2">
          Saved {saved}.
        </p>
      )}
      {field("name", "Name", { placeholder: "e.g. oncall-pagerduty", help: "Lowercase letters, digits and dashes; score configs route to this name.", defaultValue: value("name", editing?.name) })}
      <div>
        <label htmlFor="channel-kind" className="block text-sm font-medium text-slate-700">
          Kind
        </label>
        <select id="channel-kind" name="kind" value={kind} onChange={(e) => setKind(e.target.value as ChannelKind)} className={INPUT_CLASS} aria-invalid={errors.kind ? true : undefined}>
          {CHANNEL_KINDS.map((k) => (
            <option key={k} value={k}>
              {KIND_LABEL[k]}
            </option>
          ))}
        </select>
        <FieldError id="channel-kind-error" message={errors.kind} />
      </div>
      {kind === "pagerduty" &&
        field("routingKey", "Routing key", { type: "password", placeholder: keepHint("routingKey") ?? "32 characters", help: "The integration key of an Events API v2 integration.", defaultValue: "" })}
      {field("url", URL_LABEL[kind].label, {
        placeholder: URL_LABEL[kind].placeholder,
        defaultValue: value("url", text(cfg.url) || (kind === "pagerduty" ? DEFAULT_PAGERDUTY_URL : "")),
        ...(kind === "alertmanager" ? { help: "Alerts are posted to <base>/api/v2/alerts and re-sent every minute while firing." } : {}),
      })}
      {(kind === "webhook" || kind === "ticket" || kind === "action") &&
        field("secret", kind === "ticket" ? "Signing secret (optional)" : "Signing secret", {
          type: "password",
          placeholder: keepHint("secret") ?? "at least 16 characters",
          help: "Each request carries X-Vitals-Signature: t=<unix seconds>,v1=<HMAC-SHA256 of \"<t>.<body>\">.",
          defaultValue: "",
        })}
      {kind === "action" && (
        <>
          {field("action", "Action", { placeholder: "shift_traffic", help: "Sent on a critical trigger; an engineer can override it, which sends the revert.", defaultValue: value("action", text(cfg.action)) })}
          <div>
            <label htmlFor="channel-params" className="block text-sm font-medium text-slate-700">
              Parameters (JSON object)
            </label>
            <textarea
              id="channel-params"
              name="params"
              rows={3}
              placeholder='{"percent": 50, "fallbackModel": "small-model"}'
              defaultValue={value("params", cfg.params === undefined ? "" : JSON.stringify(cfg.params))}
              aria-invalid={errors.params ? true : undefined}
              aria-describedby={errors.params ? "channel-params-error" : undefined}
              className={`${INPUT_CLASS} font-mono text-xs`}
            />
            <FieldError id="channel-params-error" message={errors.params} />
          </div>
        </>
      )}
      <div className="md:col-span-2">
        <button type="submit" disabled={pending} className="rounded-md bg-slate-900 px-4 py-2 font-medium text-white hover:bg-slate-700 disabled:opacity-60">
          {pending ? "Saving…" : editing ? "Save changes" : "Add channel"}
        </button>
      </div>
    </form>
  );
}
