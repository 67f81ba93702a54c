"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session.ts";
import { AppError } from "@/lib/errors.ts";
import { CreateApiKeyInput, RevokeApiKeyInput } from "@/lib/schemas/api-keys.ts";
import { createApiKey } from "@/lib/services/api-keys/create-api-key.ts";
import { revokeApiKey } from "@/lib/services/api-keys/revoke-api-key.ts";
import { contextFor } from "@/lib/services/context.ts";

const PATH = "/settings/api-keys";

type CreateField = "name" | "service" | "scopes";

export interface CreateKeyState {
  ok: boolean;
  message?: string;
  fieldErrors?: Partial<Record<CreateField, string>>;
  /** what was submitted, so a failed attempt keeps the form filled in */
  values?: { name: string; service: string; scopes: string[] };
  /** the new key — in this one answer only; the page never reads it again */
  created?: { key: string; name: string; prefix: string };
}

export interface RevokeKeyState {
  ok: boolean;
  message?: string;
}

/**
 * Takes the form only, not the previous state: useActionState would send its previous state back with the
 * next submission, and after a success that state holds the key. The form wraps this in a client function.
 */
export async function createApiKeyAction(form: FormData): Promise<CreateKeyState> {
  const user = await requireUser();
  const values = {
    name: String(form.get("name") ?? ""),
    service: String(form.get("service") ?? ""),
    scopes: form.getAll("scopes").map(String),
  };
  const parsed = CreateApiKeyInput.safeParse(values);
  if (!parsed.success) {
    const fieldErrors: CreateKeyState["fieldErrors"] = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      if ((field === "name" || field === "service" || field === "scopes") && !fieldErrors[field]) fieldErrors[field] = issue.message;
    }
    return { ok: false, fieldErrors, values };
  }
  try {
    const { key, record } = await createApiKey(contextFor(user), parsed.data);
    revalidatePath(PATH);
    return { ok: true, created: { key, name: record.name, prefix: record.prefix } };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, message: error.publicMessage, values };
    throw error;
  }
}

export async function revokeApiKeyAction(_prev: RevokeKeyState, form: FormData): Promise<RevokeKeyState> {
  const user = await requireUser();
  const parsed = RevokeApiKeyInput.safeParse({ id: form.get("id") });
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]?.message };
  try {
    await revokeApiKey(contextFor(user), parsed.data.id);
    revalidatePath(PATH);
    return { ok: true };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, message: error.publicMessage };
    throw error;
  }
}
