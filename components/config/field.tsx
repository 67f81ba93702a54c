import type { ReactNode } from "react";
import { fieldId } from "./config-draft.ts";

// A labelled control with its error right under it, tied by aria-describedby, so a screen reader announces
// the problem with the field and the form never relies on colour alone.

export interface FieldProps {
  /** The config path the field edits ("components.1.weight"): its id and the key of its error. */
  name: string;
  label: string;
  error?: string;
  hint?: ReactNode;
  className?: string;
  children: (props: { id: string; "aria-invalid": boolean; "aria-describedby"?: string }) => ReactNode;
}

export const inputClass = "w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm aria-[invalid=true]:border-critical";

export function Field({ name, label, error, hint, className = "", children }: FieldProps) {
  const id = fieldId(name);
  const described = [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`flex min-w-0 flex-col gap-1 text-sm ${className}`}>
      <label htmlFor={id} className="font-medium text-slate-800">{label}</label>
      {children({ id, "aria-invalid": Boolean(error), "aria-describedby": described })}
      {hint && <p id={`${id}-hint`} className="text-xs text-slate-600">{hint}</p>}
      {error && <p id={`${id}-error`} className="text-xs font-medium text-critical">{error}</p>}
    </div>
  );
}

export function TextField({ name, label, error, hint, value, onChange, className, inputMode, list, placeholder }: Omit<FieldProps, "children"> & {
  value: string; onChange: (value: string) => void; inputMode?: "decimal" | "numeric" | "text"; list?: string; placeholder?: string;
}) {
  return (
    <Field name={name} label={label} error={error} hint={hint} className={className}>
      {(a11y) => (
        <input {...a11y} type="text" className={inputClass} value={value} inputMode={inputMode} list={list} placeholder={placeholder}
          autoComplete="off" spellCheck={false} onChange={(e) => onChange(e.target.value)} />
      )}
    </Field>
  );
}

export function SelectField({ name, label, error, hint, value, onChange, options, className }: Omit<FieldProps, "children"> & {
  value: string; onChange: (value: string) => void; options: readonly { value: string; label: string }[];
}) {
  return (
    <Field name={name} label={label} error={error} hint={hint} className={className}>
      {(a11y) => (
        <select {...a11y} className={inputClass} value={value} onChange={(e) => onChange(e.target.value)}>
          {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
        </select>
      )}
    </Field>
  );
}
