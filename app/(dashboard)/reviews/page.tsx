import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { can } from "@/lib/auth/permissions.ts";
import { requirePermission } from "@/lib/auth/session.ts";
import { listPendingReviews } from "@/lib/services/configs/list-pending-reviews.ts";
import { contextFor } from "@/lib/services/context.ts";
import { PendingReviews } from "./_components/pending-reviews.tsx";

export const metadata: Metadata = { title: "Reviews" };

export default async function ReviewsPage() {
  const user = await requirePermission("dashboard.read");
  const description = "Score-configuration proposals waiting for a second pair of eyes: nobody approves their own.";
  if (!can(user, "configs.review")) {
    return (
      <>
        <PageHeader title="Reviews" description={description} />
        <p className="rounded-lg border border-slate-200 bg-white p-4 text-sm text-slate-700" data-testid="reviews-not-allowed">
          Approvers and admins review proposals here. Your role ({user.role}) cannot approve or reject them; owners propose changes from a
          service&apos;s score-config page and follow them there.
        </p>
      </>
    );
  }
  const pending = await listPendingReviews(contextFor(user));
  return (
    <>
      <PageHeader title="Reviews" description={description} />
      <PendingReviews rows={pending} />
    </>
  );
}
