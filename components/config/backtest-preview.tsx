"use client";

import { useState } from "react";
import { LoadingBlock } from "@/components/ui/states.tsx";
import type { Backtest } from "@/lib/services/configs/run-backtest.ts";
import type { ActionResult } from "./action-result.ts";
import { BacktestView } from "./backtest-view.tsx";
import { DaysSelect } from "./days-select.tsx";

/** The editor's "what would this draft have done": the backtest of the text being edited, run on request. */
export function BacktestPreview({ text, valid, thresholds, run }: {
  text: string; valid: boolean; thresholds: { warning: number; critical: number };
  run: (text: string, days: number) => Promise<ActionResult<Backtest>>;
}) {
  const [days, setDays] = useState(7);
  const [state, setState] = useState<{ kind: "idle" } | { kind: "running" } | { kind: "done"; backtest: Backtest; text: string } | { kind: "failed"; message: string }>({ kind: "idle" });
  async function start() {
    setState({ kind: "running" });
    const result = await run(text, days);
    setState(result.ok ? { kind: "done", backtest: result.value, text } : { kind: "failed", message: result.message });
  }
  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-end gap-3">
        <DaysSelect id="preview-days" value={days} onChange={setDays} />
        <button type="button" onClick={() => void start()} disabled={!valid || state.kind === "running"}
          className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-100 disabled:opacity-60">
          {state.kind === "running" ? "Running…" : "Run backtest"}
        </button>
        {!valid && <p className="text-sm text-slate-600">Fix the problems above to run a backtest.</p>}
        {state.kind === "done" && state.text !== text && <p className="text-sm text-slate-600">The config changed since this run.</p>}
      </div>
      {state.kind === "running" && <LoadingBlock label="Replaying both configs over recent history" className="h-64" />}
      {state.kind === "failed" && <p role="alert" className="text-sm font-medium text-critical">{state.message}</p>}
      {state.kind === "done" && <BacktestView backtest={state.backtest} thresholds={thresholds} />}
    </div>
  );
}
