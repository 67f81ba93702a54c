"use client";

import { useActionState } from "react";
import { ROLES, type Role } from "@/lib/auth/permissions.ts";
import { setUserDisabledAction, setUserRoleAction, type ActionResult } from "../actions.ts";

export function DisableButton({ userId, email, disabled }: { userId: string; email: string; disabled: boolean }) {
  const [state, action, pending] = useActionState<ActionResult, FormData>(setUserDisabledAction, { ok: true });
  return (
    <form action={action} className="inline-flex items-center gap-2">
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="disabled" value={String(!disabled)} />
      {!state.ok && <span role="alert" className="text-xs text-critical">{state.message}</span>}
      <button
        type="submit"
        disabled={pending}
        aria-label={`${disabled ? "Enable" : "Disable"} ${email}`}
        className="rounded-md border border-slate-300 px-3 py-1 hover:bg-slate-100 disabled:opacity-60"
      >
        {disabled ? "Enable" : "Disable"}
      </button>
    </form>
  );
}

export function RoleSelect({ userId, email, role, disabled }: { userId: string; email: string; role: Role; disabled: boolean }) {
  const [state, action, pending] = useActionState<ActionResult, FormData>(setUserRoleAction, { ok: true });
  return (
    <form action={action} className="inline-flex items-center gap-2">
      <input type="hidden" name="userId" value={userId} />
      <label className="sr-only" htmlFor={`role-${userId}`}>
        Role of {email}
      </label>
      <select
        id={`role-${userId}`}
        name="role"
        defaultValue={role}
        disabled={disabled || pending}
        className="rounded-md border border-slate-300 px-2 py-1"
      >
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {r}
          </option>
        ))}
      </select>
      {!disabled && (
        <button type="submit" disabled={pending} className="rounded-md border border-slate-300 px-2 py-1 text-xs hover:bg-slate-100">
          Save
        </button>
      )}
      {!state.ok && <span role="alert" className="text-xs text-critical">{state.message}</span>}
    </form>
  );
}
