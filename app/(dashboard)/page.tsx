import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { requirePermission } from "@/lib/auth/session.ts";
import { listServices } from "@/lib/db/services.ts";
import { ServiceList } from "./_components/service-list.tsx";

export const metadata: Metadata = { title: "Portfolio" };

export default async function PortfolioPage() {
  await requirePermission("dashboard.read");
  const services = await listServices();
  return (
    <>
      <PageHeader
        title="Portfolio"
        description="Every LLM service, its business unit and risk tier. Health scores, sparklines and open alerts join this view with the scoring and triage work."
      />
      <ServiceList services={services} />
    </>
  );
}
