"use server";

import { revalidatePath } from "next/cache";
import { ZodError } from "zod";
import { requireUser } from "@/lib/auth/session.ts";
import type { ServiceSummary } from "@/lib/db/services.ts";
import { AppError } from "@/lib/errors.ts";
import type { RiskTier } from "@/lib/schemas/services.ts";
import type { ScoreTemplateId } from "@/lib/domain/score/templates.ts";
import { contextFor, type Ctx } from "@/lib/services/context.ts";
import { createService } from "@/lib/services/services/create-service.ts";
import { updateService } from "@/lib/services/services/update-service.ts";

const PATH = "/settings/services";
const FIELDS = ["slug", "name", "description", "businessUnit", "riskTier", "storePrompts", "ownerIds", "template"] as const;
export type ServiceField = (typeof FIELDS)[number];

/** What the form holds, kept after a failed attempt so nothing typed is lost. */
export type ServiceFormValues = Pick<ServiceSummary, "slug" | "name" | "description" | "businessUnit" | "riskTier" | "storePrompts" | "ownerIds"> & {
  template: string;
};

export interface SaveServiceState {
  ok: boolean;
  message?: string;
  fieldErrors?: Partial<Record<ServiceField, string>>;
  values?: ServiceFormValues;
  /** the slug just created or saved */
  saved?: string;
}

function readForm(form: FormData): ServiceFormValues {
  const text = (name: string) => String(form.get(name) ?? "");
  return {
    slug: text("slug"), name: text("name"), description: text("description"), businessUnit: text("businessUnit"), riskTier: text("riskTier"),
    // An unticked checkbox sends nothing, so absent means off.
    storePrompts: form.get("storePrompts") === "on",
    ownerIds: form.getAll("ownerIds").map(String),
    template: text("template"),
  };
}

function fieldErrorsOf(error: ZodError): Partial<Record<ServiceField, string>> {
  const out: Partial<Record<ServiceField, string>> = {};
  for (const issue of error.issues) {
    const key = issue.path[0] as ServiceField;
    if ((FIELDS as readonly string[]).includes(key) && !out[key]) out[key] = issue.message;
  }
  return out;
}

/** Runs a use case (it authorises, then validates) and turns what the user may be told into state. */
async function save(form: FormData, work: (ctx: Ctx, values: ServiceFormValues) => Promise<string>): Promise<SaveServiceState> {
  const user = await requireUser();
  const values = readForm(form);
  try {
    const saved = await work(contextFor(user), values);
    revalidatePath(PATH);
    return { ok: true, saved };
  } catch (error) {
    if (error instanceof ZodError) return { ok: false, fieldErrors: fieldErrorsOf(error), values };
    if (error instanceof AppError) return { ok: false, message: error.publicMessage, values };
    throw error;
  }
}

// The use cases parse the strings; the casts only name the shape they check.
const fieldsOf = ({ template: _template, ...v }: ServiceFormValues) => ({ ...v, riskTier: v.riskTier as RiskTier });

export async function createServiceAction(_prev: SaveServiceState, form: FormData): Promise<SaveServiceState> {
  return save(form, async (ctx, values) => {
    const { service } = await createService(ctx, { ...fieldsOf(values), template: values.template as ScoreTemplateId });
    return service.slug;
  });
}

/** Edits the service named by the form's slug (a hidden field: the slug itself never changes). */
export async function updateServiceAction(_prev: SaveServiceState, form: FormData): Promise<SaveServiceState> {
  return save(form, async (ctx, values) => (await updateService(ctx, fieldsOf(values))).slug);
}
