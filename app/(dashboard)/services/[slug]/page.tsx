import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { RiskTierBadge } from "@/components/ui/risk-tier-badge.tsx";
import { requirePermission } from "@/lib/auth/session.ts";
import { findServiceBySlug } from "@/lib/db/services.ts";
import { AppError } from "@/lib/errors.ts";
import { loadServiceView } from "./_lib/load-service-view.ts";
import { parseViewState } from "./_lib/view-state.ts";
import { ServiceView } from "./_components/service-view.tsx";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const service = await findServiceBySlug((await params).slug);
  return { title: service?.name ?? "Service" };
}

export default async function ServicePage({ params, searchParams }: Props) {
  const user = await requirePermission("dashboard.read");
  const [{ slug }, search] = await Promise.all([params, searchParams]);
  const view = await loadServiceView(user, slug, parseViewState(search), new Date()).catch((error: unknown) => {
    if (error instanceof AppError && error.status === 404) notFound();
    throw error;
  });
  const { service } = view.frame;
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href="/" className="text-blue-700 underline">Portfolio</Link> <span aria-hidden="true">/</span> <span>{service.name}</span>
      </nav>
      <PageHeader title={service.name} description={service.description}>
        <div className="flex flex-wrap items-center gap-2 text-sm text-slate-600">
          <span>{service.businessUnit}</span>
          <RiskTierBadge tier={service.riskTier} />
          <Link href={`/services/${service.slug}/config`} className="text-blue-700 underline">Score config</Link>
        </div>
      </PageHeader>
      <ServiceView frame={view.frame} first={view.first} />
    </>
  );
}
