"use client";

import { useState } from "react";
import type { VerifyResult } from "../actions.ts";

/** Re-checks every row's hash on request and says plainly whether the chain is intact, and where it breaks. */
export function VerifyChain({ verify }: { verify: () => Promise<VerifyResult> }) {
  const [state, setState] = useState<{ kind: "idle" | "running" } | { kind: "done"; result: VerifyResult } | { kind: "failed" }>({ kind: "idle" });
  async function run() {
    setState({ kind: "running" });
    try {
      setState({ kind: "done", result: await verify() });
    } catch {
      setState({ kind: "failed" });
    }
  }
  return (
    <div className="flex flex-col items-end gap-1">
      <button type="button" onClick={() => void run()} disabled={state.kind === "running"}
        className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-100 disabled:opacity-60">
        {state.kind === "running" ? "Verifying…" : "Verify chain"}
      </button>
      <p role="status" className="text-sm" data-testid="verify-result">
        {state.kind === "failed" && <span className="font-medium text-critical">The check could not run; try again.</span>}
        {state.kind === "done" && (state.result.ok
          ? <span className="text-healthy">✓ Intact: {state.result.rows} rows, every hash matches.</span>
          : <span className="font-medium text-critical">✗ Broken at row {state.result.firstBrokenId} (of {state.result.rows}): {state.result.reason}</span>)}
      </p>
    </div>
  );
}
