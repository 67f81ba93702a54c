import Link from "next/link";
import { RiskTierBadge } from "@/components/ui/risk-tier-badge.tsx";
import type { ServiceSummary } from "@/lib/db/services.ts";

export function ServiceList({ services }: { services: ServiceSummary[] }) {
  if (services.length === 0) {
    return (
      <div className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-sm text-slate-600">
        No services yet. An admin adds services in Settings; the demo seed adds a sample portfolio on first start.
      </div>
    );
  }
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-left text-sm" data-testid="service-table">
        <caption className="sr-only">Services in the portfolio</caption>
        <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
          <tr>
            <th scope="col" className="px-4 py-2">Service</th>
            <th scope="col" className="px-4 py-2">Business unit</th>
            <th scope="col" className="px-4 py-2">Risk tier</th>
            <th scope="col" className="hidden px-4 py-2 md:table-cell">Owners</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {services.map((service) => (
            <tr key={service.id} data-testid="service-row" className="hover:bg-slate-50">
              <td className="px-4 py-3">
                <Link href={`/services/${service.slug}`} className="font-medium text-blue-700 hover:underline">
                  {service.name}
                </Link>
                <p className="text-xs text-slate-500">{service.description}</p>
              </td>
              <td className="px-4 py-3">{service.businessUnit}</td>
              <td className="px-4 py-3">
                <RiskTierBadge tier={service.riskTier} />
              </td>
              <td className="hidden px-4 py-3 text-slate-600 md:table-cell">{service.ownerEmails.join(", ")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
