import { FieldError } from "@/components/ui/field-error.tsx";

export interface Person {
  id: string;
  name: string;
  email: string;
  role: string;
  disabled: boolean;
}

/** Owners are picked from existing accounts; any role may be listed, but only the owner role (or admin) acts on it. */
export function OwnerPicker({ people, selected, error }: { people: Person[]; selected: string[]; error: string | undefined }) {
  return (
    <fieldset aria-describedby={["service-ownerIds-help", error ? "service-ownerIds-error" : ""].filter(Boolean).join(" ")} className="md:col-span-2">
      <legend className="block text-sm font-medium text-slate-700">Owners</legend>
      <p id="service-ownerIds-help" className="text-xs text-slate-500">
        Anyone may be listed. People with the owner role propose its configs and manage its API keys; other roles are listed for contact only.
      </p>
      <div className="mt-2 grid max-h-48 gap-1 overflow-y-auto rounded-md border border-slate-200 p-2 sm:grid-cols-2">
        {people.map((p) => (
          <div key={p.id} className="flex items-start gap-2 text-sm">
            <input id={`service-owner-${p.id}`} name="ownerIds" type="checkbox" value={p.id} defaultChecked={selected.includes(p.id)} className="mt-1" />
            <label htmlFor={`service-owner-${p.id}`}>
              {p.name} <span className="text-slate-600">({p.email}, {p.role}{p.disabled ? ", disabled" : ""})</span>
            </label>
          </div>
        ))}
      </div>
      <FieldError id="service-ownerIds-error" message={error} />
    </fieldset>
  );
}
