import type { Metadata } from "next";
import { ComingSoon } from "@/components/ui/coming-soon.tsx";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { requirePermission } from "@/lib/auth/session.ts";

export const metadata: Metadata = { title: "Alerts" };

export default async function AlertsPage() {
  await requirePermission("dashboard.read");
  return (
    <>
      <PageHeader title="Alerts" description="Open and recent alert episodes across the portfolio." />
      <ComingSoon>The evaluator, alert episodes, acknowledgement and notification channels come with the alerting work.</ComingSoon>
    </>
  );
}
