"use client";

import { useActionState } from "react";
import { FieldError } from "@/components/ui/field-error.tsx";
import type { SlaTargetState } from "@/app/(dashboard)/settings/vendors/actions.ts";

// One provider's SLA targets as a small form (or, without `provider`, a form that adds a provider by name).
// Errors are shown next to their field and linked to it; the result of a save is announced.

type Action = (prev: SlaTargetState, form: FormData) => Promise<SlaTargetState>;

const FIELD = "w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";
const LABEL = "flex flex-col gap-1 text-xs text-slate-600";

export function SlaTargetForm({ provider, latencyP95Ms, maxErrorRate, save, remove }: {
  provider?: string;
  latencyP95Ms: number | null;
  maxErrorRate: number | null;
  save: Action;
  remove?: Action;
}) {
  const [state, action, pending] = useActionState<SlaTargetState, FormData>(save, { ok: false });
  const [removed, removeAction, removing] = useActionState<SlaTargetState, FormData>(remove ?? (async () => ({ ok: false })), { ok: false });
  const key = (provider ?? "new").replace(/[^a-z0-9]+/gi, "-");
  const id = (f: string) => `sla-${key}-${f}`;
  const err = state.fieldErrors ?? {};
  const value = (f: "provider" | "latencyP95Ms" | "maxErrorRatePercent", fallback: string) => state.values?.[f] ?? fallback;
  return (
    <div className="flex flex-wrap items-start gap-3" data-testid="sla-target" data-provider={provider ?? ""}>
      <form action={action} aria-label={provider ? `SLA targets of ${provider}` : "Add a provider's SLA targets"} className="flex flex-wrap items-start gap-3">
        {provider ? <input type="hidden" name="provider" value={provider} /> : (
          <label className={LABEL}>
            Provider
            <input id={id("provider")} name="provider" className={FIELD} defaultValue={value("provider", "")} aria-invalid={!!err.provider} aria-describedby={err.provider ? `${id("provider")}-error` : undefined} />
            <FieldError id={`${id("provider")}-error`} message={err.provider} />
          </label>
        )}
        <label className={LABEL}>
          p95 latency target (ms)
          <input
            id={id("latency")} name="latencyP95Ms" inputMode="numeric" className={FIELD}
            defaultValue={value("latencyP95Ms", latencyP95Ms === null ? "" : String(latencyP95Ms))}
            aria-invalid={!!err.latencyP95Ms} aria-describedby={err.latencyP95Ms ? `${id("latency")}-error` : undefined}
          />
          <FieldError id={`${id("latency")}-error`} message={err.latencyP95Ms} />
        </label>
        <label className={LABEL}>
          Error rate target (%)
          <input
            id={id("errors")} name="maxErrorRatePercent" inputMode="decimal" className={FIELD}
            defaultValue={value("maxErrorRatePercent", maxErrorRate === null ? "" : String(Math.round(maxErrorRate * 10_000) / 100))}
            aria-invalid={!!err.maxErrorRatePercent} aria-describedby={err.maxErrorRatePercent ? `${id("errors")}-error` : undefined}
          />
          <FieldError id={`${id("errors")}-error`} message={err.maxErrorRatePercent} />
        </label>
        <button type="submit" disabled={pending} className="mt-5 rounded-md bg-slate-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-700 disabled:opacity-60">
          {pending ? "Saving…" : provider ? "Save" : "Add"}
        </button>
      </form>
      {remove && provider && latencyP95Ms !== null && (
        <form action={removeAction}>
          <input type="hidden" name="provider" value={provider} />
          <button type="submit" disabled={removing} className="mt-5 rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100 disabled:opacity-60">
            Remove target
          </button>
        </form>
      )}
      <p role="status" className="mt-6 text-sm">
        {state.message && <span className={state.ok ? "text-healthy" : "text-critical"}>{state.message}</span>}
        {removed.message && <span className="text-critical">{removed.message}</span>}
      </p>
    </div>
  );
}
