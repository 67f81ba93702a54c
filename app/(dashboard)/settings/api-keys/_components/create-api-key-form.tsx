"use client";

import { useActionState, useRef, useState } from "react";
import { API_KEY_SCOPES, type ApiKeyScope } from "@/lib/auth/principal.ts";
import type { KeyService } from "@/lib/db/api-keys.ts";
import { ALL_SERVICES } from "@/lib/schemas/api-keys.ts";
import { createApiKeyAction, type CreateKeyState } from "../actions.ts";
import { CreatedKey } from "./created-key.tsx";
import { FieldError } from "@/components/ui/field-error.tsx";
import { INPUT_CLASS } from "@/components/ui/text-field.tsx";

const SCOPE_HELP: Record<ApiKeyScope, string> = {
  ingest: "send telemetry (POST /api/ingest, OTLP, feedback)",
  read: "call the read-only JSON APIs (health, time series, gate)",
  propose: "propose score configs for review from CI (acts as you; still needs an approver)",
};


export function CreateApiKeyForm({ allServices, services }: { allServices: boolean; services: KeyService[] }) {
  // A client wrapper, so the previous state (which may hold the last key) never goes back to the server.
  const [state, action, pending] = useActionState<CreateKeyState, FormData>((_prev, form) => createApiKeyAction(form), { ok: true });
  const [dismissed, setDismissed] = useState<string | null>(null);
  const nameRef = useRef<HTMLInputElement>(null);

  function done(prefix: string) {
    setDismissed(prefix);
    // The panel that had focus goes away; the form is the natural next stop.
    nameRef.current?.focus();
  }

  if (!allServices && services.length === 0) {
    return <p className="mt-2 text-sm text-slate-600">You own no services yet, so there is no key to create. An admin can make you an owner of a service.</p>;
  }
  const errors = state.fieldErrors ?? {};
  const values = state.values;
  const singleService = !allServices && services.length === 1 ? services[0]?.slug : undefined;
  const created = state.created && state.created.prefix !== dismissed ? state.created : null;
  return (
    <>
      {created && <CreatedKey apiKey={created.key} name={created.name} prefix={created.prefix} onDone={() => done(created.prefix)} />}
      <form action={action} noValidate className="mt-3 grid gap-4 md:grid-cols-[1fr_1fr_auto] md:items-start">
        {state.message && (
          <p role="alert" className="rounded-md border border-critical/40 bg-critical-soft px-3 py-2 text-sm text-critical md:col-span-3">
            {state.message}
          </p>
        )}
        <div>
          <label htmlFor="api-key-name" className="block text-sm font-medium text-slate-700">
            Name
          </label>
          <input
            ref={nameRef}
            id="api-key-name"
            name="name"
            type="text"
            maxLength={80}
            required
            autoComplete="off"
            placeholder="e.g. support-chatbot production"
            defaultValue={values?.name}
            aria-invalid={errors.name ? true : undefined}
            aria-describedby={errors.name ? "api-key-name-error" : undefined}
            className={INPUT_CLASS}
          />
          <FieldError id="api-key-name-error" message={errors.name} />
        </div>
        <div>
          <label htmlFor="api-key-service" className="block text-sm font-medium text-slate-700">
            Service
          </label>
          {/* keyed by the submitted value: a select only takes its defaultValue when it mounts */}
          <select
            key={values?.service ?? ""}
            id="api-key-service"
            name="service"
            required
            defaultValue={values?.service ?? singleService ?? ""}
            aria-invalid={errors.service ? true : undefined}
            aria-describedby={errors.service ? "api-key-service-error" : undefined}
            className={INPUT_CLASS}
          >
            <option value="">Choose a service…</option>
            {allServices && <option value={ALL_SERVICES}>All services (any service, present and future)</option>}
            {services.map((s) => (
              <option key={s.id} value={s.slug}>
                {s.name} ({s.slug})
              </option>
            ))}
          </select>
          <FieldError id="api-key-service-error" message={errors.service} />
        </div>
        <fieldset aria-describedby={errors.scopes ? "api-key-scopes-error" : undefined} className="md:row-span-2">
          <legend className="block text-sm font-medium text-slate-700">Scopes</legend>
          {API_KEY_SCOPES.map((scope) => (
            <div key={scope} className="mt-2 flex items-start gap-2 text-sm">
              <input
                id={`api-key-scope-${scope}`}
                name="scopes"
                type="checkbox"
                value={scope}
                defaultChecked={values ? values.scopes.includes(scope) : scope === "ingest"}
                aria-describedby={`api-key-scope-${scope}-help`}
                className="mt-1"
              />
              <label htmlFor={`api-key-scope-${scope}`}>
                <span className="font-medium">{scope}</span>{" "}
                <span id={`api-key-scope-${scope}-help`} className="text-slate-600">
                  — {SCOPE_HELP[scope]}
                </span>
              </label>
            </div>
          ))}
          <FieldError id="api-key-scopes-error" message={errors.scopes} />
        </fieldset>
        <div className="md:col-span-2">
          <button type="submit" disabled={pending} className="rounded-md bg-slate-900 px-4 py-2 font-medium text-white hover:bg-slate-700 disabled:opacity-60">
            {pending ? "Creating…" : "Create key"}
          </button>
        </div>
      </form>
    </>
  );
}
