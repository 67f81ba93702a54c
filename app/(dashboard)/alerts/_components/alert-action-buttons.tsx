"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState, useTransition } from "react";
import { acknowledgeAlertAction, resolveAlertAction, type AlertActionResult } from "../actions.ts";

const BUTTON = "rounded-md border px-3 py-1 text-sm disabled:opacity-60";

export interface ActionableAlert {
  id: string;
  state: string;
  acknowledgedAt: string | null;
}

/**
 * Acknowledge and Resolve for one alert, for roles that may (the caller decides with can(); the server checks
 * again). Resolve asks first, takes an optional note and says what happens if the score is still bad.
 */
export function AlertActionButtons({ alert, canAck, canResolve, label }: { alert: ActionableAlert; canAck: boolean; canResolve: boolean; label: string }) {
  const queryClient = useQueryClient();
  const [pending, startTransition] = useTransition();
  const [result, setResult] = useState<AlertActionResult>({ ok: true });
  const [confirming, setConfirming] = useState(false);
  const [note, setNote] = useState("");
  const noteRef = useRef<HTMLInputElement>(null);
  const open = alert.state === "pending" || alert.state === "firing";

  useEffect(() => {
    if (confirming) noteRef.current?.focus();
  }, [confirming]);

  if (!open || (!canAck && !canResolve)) return null;

  const act = (work: () => Promise<AlertActionResult>) =>
    startTransition(async () => {
      const outcome = await work();
      setResult(outcome);
      if (outcome.ok) setConfirming(false);
      // Refetch whatever shows alerts, success or 409 alike: either way the screen is out of date.
      await Promise.all([queryClient.invalidateQueries({ queryKey: ["alerts"] }), queryClient.invalidateQueries({ queryKey: ["alert", alert.id] })]);
    });

  return (
    <div className="flex flex-wrap items-center gap-2" data-testid="alert-actions">
      {canAck && alert.acknowledgedAt === null && !confirming && (
        <button type="button" disabled={pending} onClick={() => act(() => acknowledgeAlertAction(alert.id))} aria-label={`Acknowledge ${label}`} className={`${BUTTON} border-slate-900 bg-slate-900 text-white hover:bg-slate-700`}>
          {pending ? "Saving…" : "Acknowledge"}
        </button>
      )}
      {canResolve && !confirming && (
        <button type="button" disabled={pending} onClick={() => setConfirming(true)} aria-label={`Resolve ${label}`} className={`${BUTTON} border-slate-300 bg-white hover:bg-slate-100`}>
          Resolve
        </button>
      )}
      {confirming && (
        <form
          role="group"
          aria-label={`Confirm resolving ${label}`}
          onKeyDown={(e) => e.key === "Escape" && setConfirming(false)}
          onSubmit={(e) => {
            e.preventDefault();
            act(() => resolveAlertAction(alert.id, note));
          }}
          className="flex w-full flex-wrap items-end gap-2 rounded-md border border-slate-200 bg-slate-50 p-2"
        >
          <label className="flex min-w-48 flex-1 flex-col text-xs text-slate-700">
            Note (optional)
            <input ref={noteRef} value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm text-slate-900" />
          </label>
          <button type="submit" disabled={pending} className={`${BUTTON} border-slate-900 bg-slate-900 text-white hover:bg-slate-700`}>
            {pending ? "Resolving…" : "Resolve now"}
          </button>
          <button type="button" disabled={pending} onClick={() => setConfirming(false)} className={`${BUTTON} border-slate-300 bg-white hover:bg-slate-100`}>
            Cancel
          </button>
          <p className="w-full text-xs text-slate-600">Closes this episode now. If the score is still below the threshold, the evaluator opens a new alert on its next run (within a minute).</p>
        </form>
      )}
      {!result.ok && <span role="alert" className="text-xs text-critical">{result.message}</span>}
    </div>
  );
}
