"use client";

import { useActionState } from "react";
import { FieldError } from "@/components/ui/field-error.tsx";
import { describedBy, INPUT_CLASS, TextField } from "@/components/ui/text-field.tsx";
import { RISK_TIERS } from "@/lib/schemas/services.ts";
import { createServiceAction, updateServiceAction, type SaveServiceState, type ServiceField, type ServiceFormValues } from "../actions.ts";
import { OwnerPicker, type Person } from "./owner-picker.tsx";


export interface TemplateOption {
  id: string;
  title: string;
  description: string;
}

const EMPTY: ServiceFormValues = { slug: "", name: "", description: "", businessUnit: "", riskTier: "medium", storePrompts: true, ownerIds: [], template: "generic" };

/** Adds a service, or edits one when `editing` is given (its slug and template are then fixed). */
export function ServiceForm({ editing, people, templates }: { editing?: ServiceFormValues; people: Person[]; templates: TemplateOption[] }) {
  const [state, action, pending] = useActionState<SaveServiceState, FormData>(editing ? updateServiceAction : createServiceAction, { ok: true });
  const errors = state.fieldErrors ?? {};
  const saved = state.ok ? state.saved : undefined;
  // After a successful create the form starts empty again; a failed attempt keeps what was typed.
  const v = state.values ?? editing ?? EMPTY;
  const described = (name: ServiceField, help?: boolean) => describedBy(`service-${name}`, { error: errors[name], help });

  const text = (name: "slug" | "name" | "businessUnit", label: string, placeholder: string, help?: string) => (
    <TextField id={`service-${name}`} name={name} label={label} placeholder={placeholder} defaultValue={v[name]} help={help} error={errors[name]} />
  );

  return (
    <form key={saved ?? "form"} action={action} noValidate className="mt-3 grid gap-4 md:grid-cols-2">
      {state.message && (
        <p role="alert" className="rounded-md border border-critical/40 bg-critical-soft px-3 py-2 text-sm text-critical md:col-span-2">
          {state.message}
        </p>
      )}
      {saved && (
        <p role="status" className="rounded-md border border-healthy/40 bg-healthy-soft px-3 py-2 text-sm text-healthy md:col-span-2">
          {editing ? `Saved ${saved}.` : `Added ${saved}: it takes events now, scored by its template config.`}
        </p>
      )}
      {editing ? (
        <input type="hidden" name="slug" value={editing.slug} />
      ) : (
        text("slug", "Slug", "e.g. claims-triage", "Lowercase letters, digits and dashes. Events, API keys and URLs name the service by it; it cannot be changed later.")
      )}
      {text("name", "Name", "e.g. Claims triage")}
      {text("businessUnit", "Business unit", "e.g. insurance", "Executive reports roll up by business unit.")}
      <div>
        <label htmlFor="service-riskTier" className="block text-sm font-medium text-slate-700">
          Risk tier
        </label>
        <select id="service-riskTier" name="riskTier" defaultValue={v.riskTier} aria-invalid={errors.riskTier ? true : undefined} aria-describedby={described("riskTier")} className={INPUT_CLASS}>
          {RISK_TIERS.map((tier) => (
            <option key={tier} value={tier}>
              {tier}
            </option>
          ))}
        </select>
        <FieldError id="service-riskTier-error" message={errors.riskTier} />
      </div>
      <div className="md:col-span-2">
        <label htmlFor="service-description" className="block text-sm font-medium text-slate-700">
          Description (optional)
        </label>
        <textarea id="service-description" name="description" rows={2} defaultValue={v.description} aria-invalid={errors.description ? true : undefined} aria-describedby={described("description")} className={INPUT_CLASS} />
        <FieldError id="service-description-error" message={errors.description} />
      </div>
      {!editing && (
        <div>
          <label htmlFor="service-template" className="block text-sm font-medium text-slate-700">
            Score template
          </label>
          <select id="service-template" name="template" defaultValue={v.template} aria-invalid={errors.template ? true : undefined} aria-describedby={described("template", true)} className={INPUT_CLASS}>
            {templates.map((t) => (
              <option key={t.id} value={t.id}>
                {t.title} — {t.description}
              </option>
            ))}
          </select>
          <p id="service-template-help" className="mt-1 text-xs text-slate-500">
            Becomes the service&apos;s first active config, authored by you. Every later change goes through review.
          </p>
          <FieldError id="service-template-error" message={errors.template} />
        </div>
      )}
      <div className="flex items-start gap-2">
        <input id="service-storePrompts" name="storePrompts" type="checkbox" defaultChecked={v.storePrompts} aria-describedby="service-storePrompts-help" className="mt-1" />
        <div>
          <label htmlFor="service-storePrompts" className="text-sm font-medium text-slate-700">
            Store prompts and responses
          </label>
          <p id="service-storePrompts-help" className="text-xs text-slate-500">
            Off: the text of prompts and responses is dropped on ingest, from the next event on — for services handling personal or confidential data (text already stored ages out with the 30-day raw-event retention). Metrics and scores work either way.
          </p>
          <FieldError id="service-storePrompts-error" message={errors.storePrompts} />
        </div>
      </div>
      <OwnerPicker people={people} selected={v.ownerIds} error={errors.ownerIds} />
      <div className="md:col-span-2">
        <button type="submit" disabled={pending} className="rounded-md bg-slate-900 px-4 py-2 font-medium text-white hover:bg-slate-700 disabled:opacity-60">
          {pending ? "Saving…" : editing ? "Save changes" : "Add service"}
        </button>
      </div>
    </form>
  );
}
