"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session.ts";
import { AppError } from "@/lib/errors.ts";
import { CreateChannelInput, type ChannelKind, type CreateChannelInput as ChannelInputRaw } from "@/lib/schemas/channels.ts";
import { contextFor } from "@/lib/services/context.ts";
import { createChannel } from "@/lib/services/channels/create-channel.ts";
import { deleteChannel } from "@/lib/services/channels/delete-channel.ts";
import { sendTestChannel } from "@/lib/services/channels/send-test-channel.ts";
import { setChannelEnabled } from "@/lib/services/channels/set-channel-enabled.ts";
import { updateChannel } from "@/lib/services/channels/update-channel.ts";
import { ZodError } from "zod";

const PATH = "/settings/channels";

/** The form's fields: name and kind, and the config fields of every kind (each kind reads its own). */
const FORM_FIELDS = ["name", "kind", "url", "secret", "routingKey", "action", "params"] as const;
export type FormField = (typeof FORM_FIELDS)[number];
export type FormValues = Partial<Record<FormField, string>>;

export interface SaveChannelState {
  ok: boolean;
  message?: string;
  fieldErrors?: Partial<Record<FormField, string>>;
  values?: FormValues;
  saved?: string;
}

export interface ChannelActionState {
  ok: boolean;
  message?: string;
}

/** Which form fields make up each kind's config. */
const CONFIG_FIELDS: Record<ChannelKind, readonly FormField[]> = {
  webhook: ["url", "secret"],
  slack: ["url"],
  pagerduty: ["routingKey", "url"],
  alertmanager: ["url"],
  ticket: ["url", "secret"],
  action: ["url", "secret", "action", "params"],
};

function readValues(form: FormData): FormValues {
  return Object.fromEntries(FORM_FIELDS.map((f) => [f, String(form.get(f) ?? "")])) as FormValues;
}

/** The form's strings → the schema's shape. Empty optional fields are left out so defaults apply. */
function toInput(values: FormValues): { input: Record<string, unknown>; paramsError?: string } {
  const kind = values.kind as ChannelKind;
  const config: Record<string, unknown> = {};
  let paramsError: string | undefined;
  for (const field of CONFIG_FIELDS[kind] ?? []) {
    const value = values[field]?.trim() ?? "";
    if (field === "params") {
      try {
        config.params = value === "" ? {} : JSON.parse(value);
      } catch {
        paramsError = 'Expected the action\'s parameters as a JSON object, e.g. {"percent": 50}.';
      }
    } else if (value !== "") config[field] = field === "secret" ? values[field] : value;
  }
  return { input: { name: values.name, kind, config }, ...(paramsError ? { paramsError } : {}) };
}

function fieldErrorsOf(error: ZodError): Partial<Record<FormField, string>> {
  const out: Partial<Record<FormField, string>> = {};
  for (const issue of error.issues) {
    const key = (issue.path[0] === "config" ? issue.path[1] : issue.path[0]) as FormField;
    if ((FORM_FIELDS as readonly string[]).includes(key) && !out[key]) out[key] = issue.message;
  }
  return out;
}

/** Creates a channel, or updates one when the form carries an id (empty secret fields keep the stored ones). */
export async function saveChannelAction(_prev: SaveChannelState, form: FormData): Promise<SaveChannelState> {
  const user = await requireUser();
  const values = readValues(form);
  const id = String(form.get("id") ?? "");
  const { input, paramsError } = toInput(values);
  if (paramsError) return { ok: false, fieldErrors: { params: paramsError }, values };
  if (!id) {
    const parsed = CreateChannelInput.safeParse(input);
    if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error), values };
  }
  try {
    const ctx = contextFor(user);
    // The services parse again (and fill kept secrets in on update); the cast only names the shape.
    const raw = input as ChannelInputRaw;
    const channel = id ? await updateChannel(ctx, { id, ...raw }) : await createChannel(ctx, raw);
    revalidatePath(PATH);
    return { ok: true, saved: channel.name };
  } catch (error) {
    if (error instanceof ZodError) return { ok: false, fieldErrors: fieldErrorsOf(error), values };
    if (error instanceof AppError) return { ok: false, message: error.publicMessage, values };
    throw error;
  }
}

async function run(work: (ctx: ReturnType<typeof contextFor>) => Promise<string | undefined>): Promise<ChannelActionState> {
  const user = await requireUser();
  try {
    const message = await work(contextFor(user));
    revalidatePath(PATH);
    return { ok: true, ...(message ? { message } : {}) };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, message: error.publicMessage };
    if (error instanceof ZodError) return { ok: false, message: error.issues[0]?.message ?? "The request is not valid." };
    throw error;
  }
}

export async function deleteChannelAction(_prev: ChannelActionState, form: FormData): Promise<ChannelActionState> {
  return run(async (ctx) => {
    await deleteChannel(ctx, String(form.get("id") ?? ""));
    return undefined;
  });
}

export async function setChannelEnabledAction(_prev: ChannelActionState, form: FormData): Promise<ChannelActionState> {
  return run(async (ctx) => {
    const channel = await setChannelEnabled(ctx, { id: String(form.get("id") ?? ""), enabled: form.get("enabled") === "true" });
    return channel.enabled ? "Re-enabled: its waiting deliveries go out within a minute." : "Disabled.";
  });
}

export async function sendTestChannelAction(_prev: ChannelActionState, form: FormData): Promise<ChannelActionState> {
  let outcome: ChannelActionState = { ok: false };
  const state = await run(async (ctx) => {
    const result = await sendTestChannel(ctx, String(form.get("id") ?? ""));
    // The delivery log changed either way, so a failed test still counts as a completed action (revalidated).
    outcome = result.ok
      ? { ok: true, message: `Test sent: the endpoint answered HTTP ${result.status}.` }
      : { ok: false, message: `The test failed: ${result.error ?? `HTTP ${result.status}`}.` };
    return undefined;
  });
  return state.ok ? outcome : state;
}
