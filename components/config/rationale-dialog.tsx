"use client";

import { useEffect, useId, useRef, useState, type ReactNode } from "react";

// A modal asking why (a proposal's rationale, a rollback's reason). The native <dialog> traps focus, closes on
// Escape and returns focus to the button that opened it; the text is required and checked before sending.

export const MIN_RATIONALE = 10;

export function RationaleDialog({ open, title, label, submitLabel, description, onSubmit, onClose }: {
  open: boolean; title: string; label: string; submitLabel: string; description?: ReactNode;
  /** Resolves to an error message to show, or null when done. */
  onSubmit: (rationale: string) => Promise<string | null>;
  onClose: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    if (text.trim().length < MIN_RATIONALE) {
      setError(`Say why in at least ${MIN_RATIONALE} characters: reviewers read this first.`);
      return;
    }
    setBusy(true);
    const message = await onSubmit(text.trim()).finally(() => setBusy(false));
    setError(message);
    if (message === null) setText("");
  }

  return (
    <dialog ref={ref} onClose={onClose} aria-labelledby={`${id}-title`} className="m-auto w-[min(32rem,calc(100vw-2rem))] rounded-lg p-0 shadow-xl backdrop:bg-slate-900/40">
      <form onSubmit={submit} className="flex flex-col gap-3 p-4">
        <h2 id={`${id}-title`} className="text-lg font-semibold">{title}</h2>
        {description && <div className="text-sm text-slate-600">{description}</div>}
        <label htmlFor={`${id}-text`} className="text-sm font-medium">{label}</label>
        <textarea id={`${id}-text`} value={text} onChange={(e) => setText(e.target.value)} rows={4} aria-required="true"
          aria-invalid={error !== null} aria-describedby={error ? `${id}-error` : undefined}
          className="rounded-md border border-slate-300 p-2 text-sm aria-[invalid=true]:border-critical" />
        {error && <p id={`${id}-error`} role="alert" className="text-sm font-medium text-critical">{error}</p>}
        <div className="flex justify-end gap-2">
          <button type="button" onClick={onClose} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100">Cancel</button>
          <button type="submit" disabled={busy} className="rounded-md bg-slate-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-700 disabled:opacity-60">
            {busy ? "Sending…" : submitLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}
