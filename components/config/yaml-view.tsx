"use client";

import type { ConfigIssue } from "@/lib/schemas/score-config.ts";

/** The config as YAML text; its errors are listed under it with the line each one is on. */
export function YamlView({ value, errors, readOnly, onChange }: { value: string; errors: readonly ConfigIssue[]; readOnly: boolean; onChange: (text: string) => void }) {
  const lines = value.split("\n").length;
  return (
    <div className="flex flex-col gap-2">
      <label htmlFor="cfg-yaml" className="text-sm font-medium">Config as YAML</label>
      <textarea id="cfg-yaml" value={value} readOnly={readOnly} onChange={(e) => onChange(e.target.value)} spellCheck={false}
        rows={Math.min(40, Math.max(12, lines + 1))} aria-invalid={errors.length > 0} aria-describedby={errors.length > 0 ? "cfg-yaml-errors" : undefined}
        className="w-full rounded-md border border-slate-300 bg-white p-2 font-mono text-sm aria-[invalid=true]:border-critical" />
      {errors.length > 0 && (
        <ul id="cfg-yaml-errors" className="flex flex-col gap-1 text-sm text-critical" data-testid="yaml-errors">
          {errors.map((e, i) => (
            <li key={i}>
              <span className="font-medium">{e.line !== undefined ? `Line ${e.line}` : "Config"}</span>
              {e.path !== "(root)" && <> · <code>{e.path}</code></>}: {e.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
