import Link from "next/link";
import type { ManagedService } from "@/lib/services/services/list-managed-services.ts";

export function ServiceTable({ services }: { services: ManagedService[] }) {
  if (services.length === 0) {
    return (
      <div role="status" className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-sm text-slate-600">
        <p className="font-medium text-slate-800">No services yet</p>
        <p className="mt-1">Add one above; then create an ingest key for it under Settings → API keys.</p>
      </div>
    );
  }
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Services, highest risk first</caption>
        <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
          <tr>
            <th scope="col" className="px-4 py-2">Service</th>
            <th scope="col" className="px-4 py-2">Business unit</th>
            <th scope="col" className="px-4 py-2">Risk tier</th>
            <th scope="col" className="px-4 py-2">Owners</th>
            <th scope="col" className="px-4 py-2">Prompts</th>
            <th scope="col" className="px-4 py-2">Config</th>
            <th scope="col" className="px-4 py-2"><span className="sr-only">Actions</span></th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {services.map((s) => (
            <tr key={s.id} data-testid={`service-row-${s.slug}`}>
              <td className="px-4 py-3">
                <Link href={`/services/${s.slug}`} className="font-medium text-blue-700 hover:underline">
                  {s.name}
                </Link>
                <div className="font-mono text-xs text-slate-500">{s.slug}</div>
              </td>
              <td className="px-4 py-3">{s.businessUnit}</td>
              <td className="px-4 py-3">{s.riskTier}</td>
              <td className="px-4 py-3">{s.ownerEmails.length > 0 ? s.ownerEmails.join(", ") : <span className="text-slate-500">none</span>}</td>
              <td className="px-4 py-3">{s.storePrompts ? "Stored" : "Not stored"}</td>
              <td className="px-4 py-3">
                {s.configVersion === null ? <span className="text-slate-500">none</span> : <Link href={`/services/${s.slug}/config`} className="text-blue-700 hover:underline">v{s.configVersion}</Link>}
              </td>
              <td className="px-4 py-3 text-right">
                <Link href={`/settings/services?edit=${encodeURIComponent(s.slug)}`} aria-label={`Edit ${s.name}`} className="rounded-md border border-slate-300 px-3 py-1 hover:bg-slate-100">
                  Edit
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
