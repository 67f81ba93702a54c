"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session.ts";
import { AppError } from "@/lib/errors.ts";
import { ProviderSlaInput } from "@/lib/schemas/vendors.ts";
import { contextFor } from "@/lib/services/context.ts";
import { removeSlaTarget, setSlaTarget } from "@/lib/services/vendors/sla-targets.ts";

const FIELDS = ["provider", "latencyP95Ms", "maxErrorRatePercent"] as const;
type Field = (typeof FIELDS)[number];

export interface SlaTargetState {
  ok: boolean;
  message?: string;
  fieldErrors?: Partial<Record<Field, string>>;
  /** What was submitted, so a failed attempt keeps the form filled in. */
  values?: Record<Field, string>;
}

/** Sets a provider's targets (admins: vendors.manage, checked by the use case). */
export async function setSlaTargetAction(_prev: SlaTargetState, form: FormData): Promise<SlaTargetState> {
  const user = await requireUser();
  const values = Object.fromEntries(FIELDS.map((f) => [f, String(form.get(f) ?? "")])) as Record<Field, string>;
  const parsed = ProviderSlaInput.safeParse(values);
  if (!parsed.success) {
    const fieldErrors: SlaTargetState["fieldErrors"] = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as Field;
      if (FIELDS.includes(field)) fieldErrors[field] ??= issue.message;
    }
    return { ok: false, fieldErrors, values };
  }
  try {
    await setSlaTarget(contextFor(user), parsed.data);
    revalidatePath("/settings/vendors");
    revalidatePath("/vendors");
    return { ok: true, message: `Saved the targets of ${parsed.data.provider}.`, values };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, message: error.publicMessage, values };
    throw error;
  }
}

export async function removeSlaTargetAction(_prev: SlaTargetState, form: FormData): Promise<SlaTargetState> {
  const user = await requireUser();
  try {
    await removeSlaTarget(contextFor(user), { provider: String(form.get("provider") ?? "") });
    revalidatePath("/settings/vendors");
    revalidatePath("/vendors");
    return { ok: true };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, message: error.publicMessage };
    throw error;
  }
}
