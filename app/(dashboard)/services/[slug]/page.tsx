import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ComingSoon } from "@/components/ui/coming-soon.tsx";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { RiskTierBadge } from "@/components/ui/risk-tier-badge.tsx";
import { requirePermission } from "@/lib/auth/session.ts";
import { findServiceBySlug } from "@/lib/db/services.ts";

export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }): Promise<Metadata> {
  return { title: (await params).slug };
}

export default async function ServicePage({ params }: { params: Promise<{ slug: string }> }) {
  await requirePermission("dashboard.read");
  const service = await findServiceBySlug((await params).slug);
  if (!service) notFound();
  return (
    <>
      <PageHeader title={service.name} description={service.description}>
        <RiskTierBadge tier={service.riskTier} />
      </PageHeader>
      <dl className="mb-6 grid grid-cols-1 gap-4 rounded-lg border border-slate-200 bg-white p-4 text-sm sm:grid-cols-3">
        <div>
          <dt className="text-slate-500">Business unit</dt>
          <dd className="font-medium">{service.businessUnit}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Owners</dt>
          <dd className="font-medium">{service.ownerEmails.join(", ") || "—"}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Prompts and responses</dt>
          <dd className="font-medium">{service.storePrompts ? "Stored (truncated to 8 KiB)" : "Not stored (privacy)"}</dd>
        </div>
      </dl>
      <ComingSoon>The health score, components, segments and event explorer of this service come with the triage work.</ComingSoon>
    </>
  );
}
