"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session.ts";
import { AppError } from "@/lib/errors.ts";
import { ZodError } from "zod";
import { SetUserDisabledInput, SetUserRoleInput, type CreateUserInput } from "@/lib/schemas/users.ts";
import { contextFor } from "@/lib/services/context.ts";
import { createUser } from "@/lib/services/users/create-user.ts";
import { setUserDisabled } from "@/lib/services/users/set-user-disabled.ts";
import { setUserRole } from "@/lib/services/users/set-user-role.ts";

export interface ActionResult {
  ok: boolean;
  message?: string;
}

/** Runs a use case and turns what the user may be told into a result; anything else is rethrown. */
async function run(work: () => Promise<void>): Promise<ActionResult> {
  try {
    await work();
    revalidatePath("/settings/users");
    return { ok: true };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, message: error.publicMessage };
    throw error;
  }
}

export async function setUserDisabledAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  const user = await requireUser();
  const parsed = SetUserDisabledInput.safeParse({ userId: form.get("userId"), disabled: form.get("disabled") });
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]?.message };
  return run(() => setUserDisabled(contextFor(user), parsed.data.userId, parsed.data.disabled));
}

export async function setUserRoleAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  const user = await requireUser();
  const parsed = SetUserRoleInput.safeParse({ userId: form.get("userId"), role: form.get("role") });
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]?.message };
  return run(() => setUserRole(contextFor(user), parsed.data.userId, parsed.data.role));
}

type CreateField = "email" | "name" | "role" | "password";

export interface CreateUserState {
  ok: boolean;
  message?: string;
  fieldErrors?: Partial<Record<CreateField, string>>;
  /** what was typed, to keep after a failed attempt — never the password */
  values?: { email: string; name: string; role: string };
  /** the email of the account just added */
  created?: string;
}

export async function createUserAction(_prev: CreateUserState, form: FormData): Promise<CreateUserState> {
  const user = await requireUser();
  const values = { email: String(form.get("email") ?? ""), name: String(form.get("name") ?? ""), role: String(form.get("role") ?? "") };
  try {
    // The use case authorises, then parses: the cast only names the shape it checks.
    const created = await createUser(contextFor(user), { ...values, role: values.role as CreateUserInput["role"], password: String(form.get("password") ?? "") });
    revalidatePath("/settings/users");
    return { ok: true, created: created.email };
  } catch (error) {
    if (error instanceof ZodError) {
      const fieldErrors: CreateUserState["fieldErrors"] = {};
      for (const issue of error.issues) {
        const field = issue.path[0] as CreateField;
        if (!fieldErrors[field]) fieldErrors[field] = issue.message;
      }
      return { ok: false, fieldErrors, values };
    }
    if (error instanceof AppError) return { ok: false, message: error.publicMessage, values };
    throw error;
  }
}
