import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { EmptyState } from "@/components/ui/states.tsx";
import { SlaTargetForm } from "@/components/vendors/sla-target-form.tsx";
import { requirePermission } from "@/lib/auth/session.ts";
import { contextFor } from "@/lib/services/context.ts";
import { listSlaTargets } from "@/lib/services/vendors/sla-targets.ts";
import { removeSlaTargetAction, setSlaTargetAction } from "./actions.ts";

export const metadata: Metadata = { title: "Vendor SLA targets" };

export default async function VendorSettingsPage() {
  const user = await requirePermission("vendors.manage");
  const rows = await listSlaTargets(contextFor(user));
  return (
    <>
      <PageHeader
        title="Vendor SLA targets"
        description="Per provider: the p95 latency and error rate it must stay at or under in each hour. The vendor view's SLA compliance is the share of measured hours that met both. Providers seen in the last 30 days are listed even without a target. Every change is written to the audit log."
      />
      <section aria-labelledby="sla-list" className="mb-6 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="sla-list" className="mb-3 text-lg font-semibold">Providers</h2>
        {rows.length === 0 ? <EmptyState title="No provider has sent traffic in the last 30 days, and none has a target." /> : (
          <ul className="divide-y divide-slate-100">
            {rows.map((r) => (
              <li key={r.provider} className="py-3">
                <p className="font-medium">
                  {r.provider}{" "}
                  <span className="text-xs font-normal text-slate-600">
                    {r.latencyP95Ms === null ? "no target yet" : `set by ${r.updatedBy ?? "a removed user"} on ${r.updatedAt!.slice(0, 10)}`}
                    {r.seenRecently ? "" : " · no traffic in the last 30 days"}
                  </span>
                </p>
                <SlaTargetForm provider={r.provider} latencyP95Ms={r.latencyP95Ms} maxErrorRate={r.maxErrorRate} save={setSlaTargetAction} remove={removeSlaTargetAction} />
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="sla-add" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="sla-add" className="mb-3 text-lg font-semibold">Add a provider</h2>
        <SlaTargetForm latencyP95Ms={null} maxErrorRate={null} save={setSlaTargetAction} />
      </section>
    </>
  );
}
