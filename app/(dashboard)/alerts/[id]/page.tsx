import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { can } from "@/lib/auth/permissions.ts";
import { requirePermission } from "@/lib/auth/session.ts";
import { AppError } from "@/lib/errors.ts";
import { getAlert } from "@/lib/services/alerts/get-alert.ts";
import { AlertDetailView } from "./_components/alert-detail-view.tsx";

export const metadata: Metadata = { title: "Alert" };

export default async function AlertPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePermission("dashboard.read");
  const { id } = await params;
  const alert = await getAlert({ kind: "user", user }, id).catch((error: unknown) => {
    // A malformed id is as absent as an unknown one.
    if ((error instanceof AppError && error.status === 404) || (error instanceof Error && error.name === "ZodError")) notFound();
    throw error;
  });
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href="/alerts" className="text-blue-700 underline">Alerts</Link> <span aria-hidden="true">/</span> <span>{alert.service.name}</span>
      </nav>
      <AlertDetailView
        initial={alert}
        now={new Date().toISOString()}
        canAck={can(user, "alerts.ack")}
        canResolve={can(user, "alerts.resolve")}
      />
    </>
  );
}
