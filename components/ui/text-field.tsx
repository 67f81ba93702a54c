import { FieldError } from "./field-error.tsx";

/** The settings forms' input style (text inputs, selects, text areas). */
export const INPUT_CLASS = "mt-1 w-full rounded-md border border-slate-300 px-3 py-2 focus:border-blue-600";

/** aria-describedby of a field `id` with an error (`<id>-error`) and help (`<id>-help`), each when present. */
export function describedBy(id: string, has: { error?: unknown; help?: unknown }): string | undefined {
  return [has.error ? `${id}-error` : "", has.help ? `${id}-help` : ""].filter(Boolean).join(" ") || undefined;
}

export interface TextFieldProps {
  /** The input's id; its help and error are `<id>-help` and `<id>-error`. */
  id: string;
  name: string;
  label: string;
  type?: string;
  autoComplete?: string;
  placeholder?: string;
  defaultValue?: string;
  help?: string;
  error?: string;
}

/** A labelled input with its help line and inline error, linked for screen readers. */
export function TextField({ id, name, label, type = "text", autoComplete = "off", placeholder, defaultValue, help, error }: TextFieldProps) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <input
        id={id}
        name={name}
        type={type}
        autoComplete={autoComplete}
        placeholder={placeholder}
        defaultValue={defaultValue}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, { error, help })}
        className={INPUT_CLASS}
      />
      {help && (
        <p id={`${id}-help`} className="mt-1 text-xs text-slate-500">
          {help}
        </p>
      )}
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}
