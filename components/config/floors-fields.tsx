"use client";

import type { FormFloor } from "./config-draft.ts";
import { SelectField, TextField } from "./field.tsx";

/** Floors: hard guard rails that cap the score whatever the weights say (error.rate above 20 % caps it at 40). */
export function FloorsFields({ floors, errors, metricListId, readOnly, onChange }: {
  floors: FormFloor[]; errors: Record<string, string>; metricListId: string; readOnly: boolean; onChange: (next: FormFloor[]) => void;
}) {
  const update = (i: number, patch: Partial<FormFloor>) => onChange(floors.map((f, j) => (j === i ? { ...f, ...patch } : f)));
  return (
    <div className="flex flex-col gap-3">
      {floors.length === 0 && <p className="text-sm text-slate-600">No floors: the weighted score alone decides.</p>}
      <ul className="flex flex-col gap-3">
        {floors.map((f, i) => (
          <li key={i} className="rounded-lg border border-slate-200 bg-white p-3">
            <fieldset disabled={readOnly} className="grid min-w-0 items-end gap-3 sm:grid-cols-[2fr_1fr_1fr_1fr_auto]">
              <legend className="sr-only">Floor {i + 1}</legend>
              <TextField name={`floors.${i}.metric`} label="Metric" list={metricListId} value={f.metric} error={errors[`floors.${i}.metric`] ?? errors[`floors.${i}`]}
                onChange={(metric) => update(i, { metric })} />
              <SelectField name={`floors.${i}.bound`} label="When" value={f.bound} onChange={(bound) => update(i, { bound: bound as FormFloor["bound"] })}
                options={[{ value: "above", label: "above" }, { value: "below", label: "below" }]} />
              <TextField name={`floors.${i}.value`} label="Bound" inputMode="decimal" value={f.value} error={errors[`floors.${i}.value`]} onChange={(value) => update(i, { value })} />
              <TextField name={`floors.${i}.cap`} label="Cap score at" inputMode="decimal" value={f.cap} error={errors[`floors.${i}.cap`]} onChange={(cap) => update(i, { cap })} />
              {!readOnly && (
                <button type="button" className="rounded-md border border-slate-300 px-2 py-1.5 text-sm hover:bg-slate-100" onClick={() => onChange(floors.filter((_, j) => j !== i))}>
                  Remove <span className="sr-only">floor {i + 1}</span>
                </button>
              )}
            </fieldset>
          </li>
        ))}
      </ul>
      {!readOnly && (
        <button type="button" className="self-start rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100"
          onClick={() => onChange([...floors, { metric: "error.rate", bound: "above", value: "0.2", cap: "40" }])}>
          Add a floor
        </button>
      )}
    </div>
  );
}
