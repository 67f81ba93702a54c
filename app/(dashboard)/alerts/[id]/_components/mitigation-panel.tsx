"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useState, useTransition } from "react";
import { LocalTime } from "@/components/alerts/local-time.tsx";
import type { Mitigation } from "@/lib/domain/alerts/types.ts";
import { decideMitigationAction, type AlertActionResult } from "../../actions.ts";

const STATE_TEXT: Record<Mitigation["state"], string> = {
  proposed: "Proposed: queued for the action endpoint",
  applied: "Applied: the endpoint accepted it",
  failed: "Failed: the endpoint did not accept it",
  acknowledged: "Acknowledged: kept in place",
  overridden: "Overridden: a revert was sent",
};

const BUTTON = "rounded-md border px-3 py-1 text-sm disabled:opacity-60";

/** The automated mitigation of a critical alert, and the engineer's decision on it (keep it, or revert it). */
export function MitigationPanel({ alertId, mitigation, canDecide }: { alertId: string; mitigation: Mitigation | null; canDecide: boolean }) {
  const queryClient = useQueryClient();
  const [pending, startTransition] = useTransition();
  const [result, setResult] = useState<AlertActionResult>({ ok: true });
  if (!mitigation) return null;
  const undecided = mitigation.state === "proposed" || mitigation.state === "applied" || mitigation.state === "failed";
  const decide = (decision: "acknowledge" | "override") =>
    startTransition(async () => {
      setResult(await decideMitigationAction(alertId, decision));
      await queryClient.invalidateQueries({ queryKey: ["alert", alertId] });
    });
  const params = Object.entries(mitigation.params);

  return (
    <section aria-labelledby="mitigation-title" className="rounded-lg border border-slate-200 bg-white p-4" data-testid="mitigation-panel">
      <h2 id="mitigation-title" className="mb-2 text-base font-semibold">Automated mitigation</h2>
      <p className="text-sm">
        <span className="font-mono">{mitigation.action}</span> via {mitigation.channel}
        {params.length > 0 && <span className="text-slate-700"> ({params.map(([k, v]) => `${k}: ${typeof v === "string" ? v : JSON.stringify(v)}`).join(", ")})</span>}
      </p>
      <p className="mt-1 text-sm" data-testid="mitigation-state">{STATE_TEXT[mitigation.state]}</p>
      <p className="mt-1 text-xs text-slate-600">
        Proposed <LocalTime at={mitigation.proposedAt} />
        {mitigation.appliedAt && <> · applied <LocalTime at={mitigation.appliedAt} /></>}
        {mitigation.decidedAt && <> · decided <LocalTime at={mitigation.decidedAt} />{mitigation.decidedBy ? ` by ${mitigation.decidedBy}` : ""}</>}
      </p>
      {canDecide && undecided && (
        <div className="mt-3 flex flex-wrap items-center gap-2">
          <button type="button" disabled={pending} onClick={() => decide("acknowledge")} className={`${BUTTON} border-slate-900 bg-slate-900 text-white hover:bg-slate-700`}>
            Acknowledge mitigation
          </button>
          <button type="button" disabled={pending} onClick={() => decide("override")} className={`${BUTTON} border-slate-300 bg-white hover:bg-slate-100`}>
            Override (send revert)
          </button>
          {!result.ok && <span role="alert" className="text-xs text-critical">{result.message}</span>}
        </div>
      )}
    </section>
  );
}
