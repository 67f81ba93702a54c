import type { Metadata } from "next";
import { ComingSoon } from "@/components/ui/coming-soon.tsx";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { requirePermission } from "@/lib/auth/session.ts";

export const metadata: Metadata = { title: "Reviews" };

export default async function ReviewsPage() {
  await requirePermission("dashboard.read");
  return (
    <>
      <PageHeader title="Reviews" description="Score-configuration proposals waiting for a second pair of eyes." />
      <ComingSoon>Proposals, backtests and four-eyes approval come with the configuration-governance work.</ComingSoon>
    </>
  );
}
