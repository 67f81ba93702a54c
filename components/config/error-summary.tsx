import type { ConfigIssue } from "@/lib/schemas/score-config.ts";
import { fieldId, fieldOf } from "./config-draft.ts";

/** Every problem in one list at the top, each a link to its field: the form's errors at a glance, from the keyboard too. */
export function ErrorSummary({ errors }: { errors: readonly ConfigIssue[] }) {
  if (errors.length === 0) return null;
  return (
    <div role="alert" className="rounded-lg border border-critical/40 bg-critical-soft p-3 text-sm" data-testid="error-summary">
      <p className="font-medium text-critical">{errors.length === 1 ? "1 problem to fix before saving" : `${errors.length} problems to fix before saving`}</p>
      <ul className="mt-1 list-disc pl-5 text-slate-800">
        {errors.map((e, i) => (
          <li key={i}>
            {e.path === "(root)" ? e.message : <a href={`#${fieldId(fieldOf(e.path))}`} className="underline">{e.path}: {e.message}</a>}
          </li>
        ))}
      </ul>
    </div>
  );
}
