"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { VersionDetail } from "@/lib/services/configs/types.ts";
import type { ActionResult } from "./action-result.ts";
import { RationaleDialog } from "./rationale-dialog.tsx";

// The buttons a viewer may use on one version, exactly those `allowed` lists (the server decides; the author of
// a proposal never gets Approve). Reviewers approve or reject with a comment and, for an approval, an optional
// activation time; authors withdraw, edit, or propose their draft.

type Saved = ActionResult<{ id: string; version: number }>;
export interface ReviewActions {
  review: (decision: "approve" | "reject", comment: string, activateAt?: string) => Promise<Saved>;
  withdraw: () => Promise<Saved>;
  propose: (rationale: string) => Promise<Saved>;
}

const button = "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-100 disabled:opacity-60";

export function ReviewPanel({ slug, version, actions }: { slug: string; version: Pick<VersionDetail, "id" | "allowed" | "status">; actions: ReviewActions }) {
  const router = useRouter();
  const { allowed } = version;
  const [comment, setComment] = useState("");
  const [activateAt, setActivateAt] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [proposing, setProposing] = useState(false);
  if (!allowed.review && !allowed.withdraw && !allowed.edit && !allowed.propose) return null;

  async function run(call: () => Promise<Saved>) {
    setBusy(true);
    setError(null);
    const result = await call().finally(() => setBusy(false));
    if (result.ok) router.refresh();
    else setError(result.message);
  }

  function review(decision: "approve" | "reject") {
    if (comment.trim() === "") {
      setError(decision === "approve" ? "Add a comment: what you checked before approving." : "Add a comment: the author reads why it is rejected.");
      return;
    }
    // datetime-local is the reviewer's local time without an offset; the Date parses it as such.
    const at = activateAt && decision === "approve" ? new Date(activateAt).toISOString() : undefined;
    void run(() => actions.review(decision, comment.trim(), at));
  }

  return (
    <section aria-labelledby="decide-title" className="rounded-lg border border-slate-200 bg-white p-4" data-testid="review-panel">
      <h2 id="decide-title" className="mb-3 text-base font-semibold">{allowed.review ? "Review" : "Your proposal"}</h2>
      {allowed.review && (
        <div className="flex flex-col gap-3">
          <label htmlFor="review-comment" className="text-sm font-medium">Comment (required)</label>
          <textarea id="review-comment" rows={3} value={comment} onChange={(e) => setComment(e.target.value)} required
            aria-invalid={error !== null && comment.trim() === ""} aria-describedby={error ? "review-error" : undefined}
            className="rounded-md border border-slate-300 p-2 text-sm" />
          <div className="flex flex-col gap-1 text-sm sm:max-w-xs">
            <label htmlFor="review-activate-at" className="font-medium">Activate at (optional)</label>
            <input id="review-activate-at" type="datetime-local" value={activateAt} onChange={(e) => setActivateAt(e.target.value)}
              aria-describedby="review-activate-hint" className="rounded-md border border-slate-300 px-2 py-1.5" />
            <p id="review-activate-hint" className="text-xs text-slate-600">Empty: the approval takes effect at once. Your local time.</p>
          </div>
          <div className="flex flex-wrap gap-2">
            <button type="button" disabled={busy} onClick={() => review("approve")} className="rounded-md bg-slate-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-700 disabled:opacity-60">Approve</button>
            <button type="button" disabled={busy} onClick={() => review("reject")} className="rounded-md border border-critical bg-white px-3 py-1.5 text-sm font-medium text-critical hover:bg-critical-soft disabled:opacity-60">Reject</button>
          </div>
        </div>
      )}
      {(allowed.withdraw || allowed.edit || allowed.propose) && (
        <div className="mt-3 flex flex-wrap gap-2">
          {allowed.propose && <button type="button" className={button} disabled={busy} onClick={() => setProposing(true)}>Propose…</button>}
          {allowed.edit && <Link href={`/services/${slug}/config?from=${version.id}`} className={button}>Edit</Link>}
          {allowed.withdraw && <button type="button" className={button} disabled={busy} onClick={() => void run(actions.withdraw)}>Withdraw</button>}
        </div>
      )}
      {error && <p id="review-error" role="alert" className="mt-2 text-sm font-medium text-critical">{error}</p>}
      {allowed.propose && (
        <RationaleDialog open={proposing} title="Propose this draft" label="Rationale" submitLabel="Propose for review" onClose={() => setProposing(false)}
          onSubmit={async (rationale) => {
            const result = await actions.propose(rationale);
            if (!result.ok) return result.message;
            setProposing(false);
            router.refresh();
            return null;
          }} />
      )}
    </section>
  );
}
