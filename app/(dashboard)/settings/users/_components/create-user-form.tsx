"use client";

import { useActionState } from "react";
import { FieldError } from "@/components/ui/field-error.tsx";
import { INPUT_CLASS, TextField } from "@/components/ui/text-field.tsx";
import { ROLES } from "@/lib/auth/permissions.ts";
import { MIN_PASSWORD_LENGTH } from "@/lib/schemas/users.ts";
import { createUserAction, type CreateUserState } from "../actions.ts";


type Field = "email" | "name" | "password";

export function CreateUserForm() {
  const [state, action, pending] = useActionState<CreateUserState, FormData>(createUserAction, { ok: true });
  const errors = state.fieldErrors ?? {};
  const v = state.values;

  const field = (name: Field, label: string, props: { type: string; autoComplete: string; placeholder?: string; help?: string }) => (
    // The password is never sent back: a failed attempt asks for it again.
    <TextField id={`user-${name}`} name={name} label={label} {...props} defaultValue={name === "password" ? undefined : v?.[name]} error={errors[name]} />
  );

  return (
    <form key={state.created ?? "form"} action={action} noValidate className="mt-3 grid gap-4 md:grid-cols-2">
      {state.message && (
        <p role="alert" className="rounded-md border border-critical/40 bg-critical-soft px-3 py-2 text-sm text-critical md:col-span-2">
          {state.message}
        </p>
      )}
      {state.ok && state.created && (
        <p role="status" className="rounded-md border border-healthy/40 bg-healthy-soft px-3 py-2 text-sm text-healthy md:col-span-2">
          Added {state.created}. Pass the initial password on to them; they sign in with it.
        </p>
      )}
      {field("email", "Email", { type: "email", autoComplete: "off", placeholder: "ada@example.com", help: "They sign in with it." })}
      {field("name", "Name", { type: "text", autoComplete: "off", placeholder: "Ada Lovelace" })}
      <div>
        <label htmlFor="user-role" className="block text-sm font-medium text-slate-700">
          Role
        </label>
        {/* keyed by the submitted value: a select only takes its defaultValue when it mounts */}
        <select key={v?.role ?? ""} id="user-role" name="role" defaultValue={v?.role ?? "viewer"} aria-invalid={errors.role ? true : undefined} aria-describedby={errors.role ? "user-role-error" : undefined} className={INPUT_CLASS}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
        <FieldError id="user-role-error" message={errors.role} />
      </div>
      {field("password", "Initial password", {
        type: "password",
        autoComplete: "new-password",
        placeholder: `at least ${MIN_PASSWORD_LENGTH} characters`,
        help: `At least ${MIN_PASSWORD_LENGTH} characters. You pass it on to them over a channel you trust; it is stored only as a scrypt hash and never shown again.`,
      })}
      <div className="md:col-span-2">
        <button type="submit" disabled={pending} className="rounded-md bg-slate-900 px-4 py-2 font-medium text-white hover:bg-slate-700 disabled:opacity-60">
          {pending ? "Adding…" : "Add person"}
        </button>
      </div>
    </form>
  );
}
