"use client";

import { useEffect, useRef, useState } from "react";

/**
 * The one time a key is visible. Focus lands on the key so a screen reader announces it and the user can
 * copy it with the keyboard straight away.
 */
export function CreatedKey({ apiKey, name, prefix, onDone }: { apiKey: string; name: string; prefix: string; onDone: () => void }) {
  const inputRef = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);

  useEffect(() => {
    inputRef.current?.focus();
    inputRef.current?.select();
  }, [apiKey]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(apiKey);
      setCopied("yes");
    } catch {
      // Clipboard access needs a secure context and permission; selecting the text leaves Ctrl+C working.
      inputRef.current?.select();
      setCopied("failed");
    }
  }

  return (
    <section aria-labelledby="created-key-heading" className="mt-3 rounded-md border border-warning/40 bg-warning-soft p-4" data-testid="created-key">
      <h3 id="created-key-heading" className="font-semibold">
        Key “{name}” created — copy it now
      </h3>
      <p id="created-key-note" className="mt-1 text-sm text-slate-800">
        It won&apos;t be shown again: LLM Vitals keeps only a hash of it. If you lose it, revoke {prefix} and create another.
      </p>
      <label htmlFor="created-key-value" className="sr-only">
        New API key {prefix}
      </label>
      <div className="mt-3 flex flex-wrap gap-2">
        <input
          ref={inputRef}
          id="created-key-value"
          type="text"
          readOnly
          value={apiKey}
          aria-describedby="created-key-note"
          spellCheck={false}
          autoComplete="off"
          className="min-w-0 flex-1 rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-sm"
          onFocus={(e) => e.currentTarget.select()}
        />
        <button type="button" onClick={copy} className="rounded-md bg-slate-900 px-4 py-2 font-medium text-white hover:bg-slate-700">
          Copy
        </button>
        <button type="button" onClick={onDone} className="rounded-md border border-slate-300 bg-white px-4 py-2 hover:bg-slate-100">
          I have stored it
        </button>
      </div>
      <p role="status" className="mt-2 text-sm">
        {copied === "yes" && "Copied to the clipboard."}
        {copied === "failed" && "Could not reach the clipboard; the key is selected — press Ctrl+C (⌘C on a Mac)."}
      </p>
    </section>
  );
}
