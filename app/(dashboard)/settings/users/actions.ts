"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session.ts";
import { AppError } from "@/lib/errors.ts";
import { SetUserDisabledInput, SetUserRoleInput } from "@/lib/schemas/users.ts";
import { contextFor } from "@/lib/services/context.ts";
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
