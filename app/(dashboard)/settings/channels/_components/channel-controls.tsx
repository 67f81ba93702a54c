"use client";

import { useActionState } from "react";
import { useConfirmFocus } from "@/components/ui/use-confirm-focus.ts";
import { deleteChannelAction, sendTestChannelAction, setChannelEnabledAction, type ChannelActionState } from "../actions.ts";

const BUTTON = "rounded-md border border-slate-300 px-3 py-1 hover:bg-slate-100 disabled:opacity-60";

function Result({ state }: { state: ChannelActionState }) {
  if (!state.message) return null;
  return (
    <span role={state.ok ? "status" : "alert"} className={`text-xs ${state.ok ? "text-healthy" : "text-critical"}`}>
      {state.message}
    </span>
  );
}

/** Send test, re-enable / disable, delete (two steps, keyboard-friendly like the API keys' revoke). */
export function ChannelControls({ id, name, enabled }: { id: string; name: string; enabled: boolean }) {
  const [test, testAction, testing] = useActionState<ChannelActionState, FormData>(sendTestChannelAction, { ok: true });
  const [toggle, toggleAction, toggling] = useActionState<ChannelActionState, FormData>(setChannelEnabledAction, { ok: true });
  return (
    <div className="flex flex-col items-end gap-2">
      <div className="flex flex-wrap justify-end gap-2">
        <form action={testAction}>
          <input type="hidden" name="id" value={id} />
          <button type="submit" disabled={testing} className={BUTTON} aria-label={`Send a test to ${name}`}>
            {testing ? "Sending…" : "Send test"}
          </button>
        </form>
        <form action={toggleAction}>
          <input type="hidden" name="id" value={id} />
          <input type="hidden" name="enabled" value={String(!enabled)} />
          <button type="submit" disabled={toggling} className={BUTTON} aria-label={`${enabled ? "Disable" : "Re-enable"} ${name}`}>
            {enabled ? "Disable" : "Re-enable"}
          </button>
        </form>
        <DeleteButton id={id} name={name} />
      </div>
      <Result state={test} />
      <Result state={toggle} />
    </div>
  );
}

function DeleteButton({ id, name }: { id: string; name: string }) {
  const [state, action, pending] = useActionState<ChannelActionState, FormData>(deleteChannelAction, { ok: true });
  const { confirming, setConfirming, confirmRef, askRef } = useConfirmFocus();

  if (!confirming) {
    return (
      <>
        {!state.ok && <Result state={state} />}
        <button ref={askRef} type="button" onClick={() => setConfirming(true)} className={BUTTON} aria-label={`Delete ${name}`}>
          Delete
        </button>
      </>
    );
  }
  return (
    <form action={action} onKeyDown={(e) => e.key === "Escape" && setConfirming(false)} role="group" aria-label={`Confirm deleting ${name}`} className="inline-flex flex-wrap items-center gap-2">
      <input type="hidden" name="id" value={id} />
      <span className="text-xs text-slate-700">Its waiting deliveries are dropped.</span>
      <button ref={confirmRef} type="submit" disabled={pending} className="rounded-md border border-critical bg-critical px-3 py-1 text-white hover:opacity-90 disabled:opacity-60">
        {pending ? "Deleting…" : "Delete now"}
      </button>
      <button type="button" onClick={() => setConfirming(false)} disabled={pending} className={BUTTON}>
        Cancel
      </button>
    </form>
  );
}
