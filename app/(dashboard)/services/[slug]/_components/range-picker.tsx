"use client";

import { useState } from "react";
import { RANGES, type RangeKey, type ViewState } from "../_lib/view-state.ts";

const LABELS: Record<RangeKey, string> = { "1h": "1 h", "24h": "24 h", "7d": "7 d", "30d": "30 d", custom: "Custom" };

/** datetime-local works in local time without a zone; the page shows and sends UTC, so the inputs are UTC. */
const toInput = (iso: string | null, fallback: number) => new Date(iso ?? fallback).toISOString().slice(0, 16);
const fromInput = (text: string) => (text ? new Date(`${text}:00Z`).toISOString() : null);

export function RangePicker({ state, onChange }: { state: ViewState; onChange: (patch: Partial<ViewState>) => void }) {
  const [customOpen, setCustomOpen] = useState(state.range === "custom");
  const [from, setFrom] = useState(() => toInput(state.from, Date.now() - 86_400_000));
  const [to, setTo] = useState(() => toInput(state.to, Date.now()));
  const fromIso = fromInput(from);
  const toIso = fromInput(to);
  const valid = fromIso !== null && toIso !== null && Date.parse(fromIso) < Date.parse(toIso);

  return (
    <div className="flex flex-wrap items-end gap-3">
      <div role="group" aria-label="Time range" className="inline-flex overflow-hidden rounded-md border border-slate-300 bg-white text-sm">
        {RANGES.map((r) => {
          const active = r === "custom" ? customOpen || state.range === "custom" : state.range === r && !customOpen;
          return (
            <button
              key={r}
              type="button"
              aria-pressed={active}
              onClick={() => {
                if (r === "custom") setCustomOpen(true);
                else {
                  setCustomOpen(false);
                  onChange({ range: r, from: null, to: null, event: null });
                }
              }}
              className={`border-l border-slate-300 px-3 py-1.5 first:border-l-0 ${active ? "bg-slate-900 text-white" : "hover:bg-slate-100"}`}
            >
              {LABELS[r]}
            </button>
          );
        })}
      </div>
      {customOpen && (
        <form
          className="flex flex-wrap items-end gap-2 text-xs text-slate-600"
          onSubmit={(e) => {
            e.preventDefault();
            if (valid) onChange({ range: "custom", from: fromIso, to: toIso, event: null });
          }}
        >
          <label className="flex flex-col">
            From (UTC)
            <input type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} className="rounded-md border border-slate-300 px-2 py-1 text-sm text-slate-900" />
          </label>
          <label className="flex flex-col">
            To (UTC)
            <input type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} className="rounded-md border border-slate-300 px-2 py-1 text-sm text-slate-900" />
          </label>
          <button type="submit" disabled={!valid} className="rounded-md bg-slate-900 px-3 py-1.5 text-sm text-white disabled:opacity-50">
            Apply
          </button>
          {!valid && <span className="text-critical">From must be before to.</span>}
        </form>
      )}
    </div>
  );
}
