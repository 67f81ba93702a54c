"use client";

import { useActionState } from "react";
import { signInAction, type SignInState } from "../actions.ts";

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const [state, action, pending] = useActionState<SignInState, FormData>(signInAction, {});
  return (
    <form action={action} className="mt-6 space-y-4" noValidate>
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      {state.error && (
        <p role="alert" data-testid="signin-error" className="rounded-md border border-critical/40 bg-critical-soft px-3 py-2 text-sm text-critical">
          {state.error}
        </p>
      )}
      <Field label="Email" name="email" type="email" autoComplete="username" defaultValue={state.email} error={state.fieldErrors?.email} />
      <Field label="Password" name="password" type="password" autoComplete="current-password" error={state.fieldErrors?.password} />
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded-md bg-slate-900 px-4 py-2 font-medium text-white hover:bg-slate-700 disabled:opacity-60"
      >
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}

function Field(props: { label: string; name: string; type: string; autoComplete: string; defaultValue?: string; error?: string }) {
  const errorId = `${props.name}-error`;
  return (
    <div>
      <label htmlFor={props.name} className="block text-sm font-medium text-slate-700">
        {props.label}
      </label>
      <input
        id={props.name}
        name={props.name}
        type={props.type}
        autoComplete={props.autoComplete}
        defaultValue={props.defaultValue}
        required
        aria-invalid={props.error ? true : undefined}
        aria-describedby={props.error ? errorId : undefined}
        className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2 focus:border-blue-600"
      />
      {props.error && (
        <p id={errorId} className="mt-1 text-sm text-critical">
          {props.error}
        </p>
      )}
    </div>
  );
}
