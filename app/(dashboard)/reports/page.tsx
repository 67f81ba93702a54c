import type { Metadata } from "next";
import { ComingSoon } from "@/components/ui/coming-soon.tsx";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { requirePermission } from "@/lib/auth/session.ts";

export const metadata: Metadata = { title: "Reports" };

export default async function ReportsPage() {
  await requirePermission("reports.read");
  return (
    <>
      <PageHeader title="Reports" description="Portfolio rollups by business unit and risk tier." />
      <ComingSoon>Executive reports, snapshots and exports come with the reporting work.</ComingSoon>
    </>
  );
}
