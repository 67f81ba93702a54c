"use client";

import { useActionState } from "react";
import { useConfirmFocus } from "@/components/ui/use-confirm-focus.ts";
import { revokeApiKeyAction, type RevokeKeyState } from "../actions.ts";

const BUTTON = "rounded-md border px-3 py-1 disabled:opacity-60";

/**
 * Two steps: "Revoke" asks, "Revoke now" does it. Focus moves to the confirming button and back on
 * cancel, and Escape cancels, so the whole exchange works from the keyboard.
 */
export function RevokeButton({ id, label }: { id: string; label: string }) {
  const [state, action, pending] = useActionState<RevokeKeyState, FormData>(revokeApiKeyAction, { ok: true });
  const { confirming, setConfirming, confirmRef, askRef } = useConfirmFocus();

  return (
    <div className="inline-flex flex-wrap items-center justify-end gap-2">
      {!state.ok && (
        <span role="alert" className="text-xs text-critical">
          {state.message}
        </span>
      )}
      {confirming ? (
        <form
          action={action}
          onKeyDown={(e) => e.key === "Escape" && setConfirming(false)}
          className="inline-flex flex-wrap items-center justify-end gap-2"
          role="group"
          aria-label={`Confirm revoking ${label}`}
        >
          <input type="hidden" name="id" value={id} />
          <span className="text-xs text-slate-700">Requests with this key will be refused at once.</span>
          <button ref={confirmRef} type="submit" disabled={pending} className={`${BUTTON} border-critical bg-critical text-white hover:opacity-90`}>
            {pending ? "Revoking…" : "Revoke now"}
          </button>
          <button type="button" onClick={() => setConfirming(false)} disabled={pending} className={`${BUTTON} border-slate-300 hover:bg-slate-100`}>
            Cancel
          </button>
        </form>
      ) : (
        <button
          ref={askRef}
          type="button"
          onClick={() => setConfirming(true)}
          aria-label={`Revoke ${label}`}
          className={`${BUTTON} border-slate-300 hover:bg-slate-100`}
        >
          Revoke
        </button>
      )}
    </div>
  );
}
