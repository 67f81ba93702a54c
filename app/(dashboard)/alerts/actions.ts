"use server";

import { revalidatePath } from "next/cache";
import { ZodError } from "zod";
import { requireUser } from "@/lib/auth/session.ts";
import { AppError } from "@/lib/errors.ts";
import { acknowledgeAlert } from "@/lib/services/alerts/acknowledge-alert.ts";
import { decideMitigation } from "@/lib/services/alerts/decide-mitigation.ts";
import { resolveAlert } from "@/lib/services/alerts/resolve-alert.ts";
import { contextFor } from "@/lib/services/context.ts";

// Thin: each use case checks the role itself (a viewer's forged call is refused there, not by hidden buttons).

export interface AlertActionResult {
  ok: boolean;
  message?: string;
}

/** AppErrors (403, 404, 409) and validation errors become a message for the button; anything else is a 500. */
async function run(work: () => Promise<unknown>): Promise<AlertActionResult> {
  try {
    await work();
    revalidatePath("/alerts", "layout");
    return { ok: true };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, message: error.publicMessage };
    if (error instanceof ZodError) return { ok: false, message: error.issues[0]?.message ?? "That request is not valid." };
    throw error;
  }
}

export async function acknowledgeAlertAction(id: string): Promise<AlertActionResult> {
  const user = await requireUser();
  return run(() => acknowledgeAlert(contextFor(user), id));
}

export async function resolveAlertAction(id: string, note: string): Promise<AlertActionResult> {
  const user = await requireUser();
  return run(() => resolveAlert(contextFor(user), id, note.trim() === "" ? undefined : note));
}

export async function decideMitigationAction(id: string, decision: "acknowledge" | "override"): Promise<AlertActionResult> {
  const user = await requireUser();
  if (decision !== "acknowledge" && decision !== "override") return { ok: false, message: "Choose acknowledge or override." };
  return run(() => decideMitigation(contextFor(user), id, decision));
}
