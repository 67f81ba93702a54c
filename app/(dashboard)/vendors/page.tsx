import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { FailoverRanking, ModelsTable, ProvidersTable } from "@/components/vendors/vendor-tables.tsx";
import { VendorControls } from "@/components/vendors/vendor-controls.tsx";
import { can } from "@/lib/auth/permissions.ts";
import { requirePermission } from "@/lib/auth/session.ts";
import { AppError } from "@/lib/errors.ts";
import { getVendors } from "@/lib/services/vendors/get-vendors.ts";
import { parseVendorSearch } from "./_lib/vendor-search.ts";

export const metadata: Metadata = { title: "Vendors" };

type Search = Record<string, string | string[] | undefined>;

export default async function VendorsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const user = await requirePermission("reports.read");
  const { query, issues } = parseVendorSearch(await searchParams);
  const now = new Date();
  // A period that has not started is the one error the schema cannot see: show it and this month instead.
  const report = await getVendors({ kind: "user", user }, query, now).catch(async (error: unknown) => {
    if (!(error instanceof AppError) || error.status !== 400) throw error;
    issues.push(error.publicMessage);
    return getVendors({ kind: "user", user }, { period: "month", date: undefined, from: undefined, to: undefined }, now);
  });
  const anyTarget = report.providers.some((p) => p.target !== null);
  return (
    <>
      <PageHeader
        title="Vendors"
        description="Providers and models compared over a period: score, p95 latency, error rate, cost per 1,000 tokens, request share and SLA compliance (the share of measured hours in which p95 latency and error rate met the provider's targets), with a cost-aware failover ranking per workload."
      />
      <div className="min-w-0 space-y-4">
        <VendorControls query={query} />
        {issues.length > 0 && (
          <div role="alert" className="rounded-md border border-warning/40 bg-warning-soft p-3 text-sm">
            <p className="font-medium">Showing this month instead:</p>
            <ul className="list-disc pl-5">{issues.map((i) => <li key={i}>{i}</li>)}</ul>
          </div>
        )}
        <p className="text-sm text-slate-600" data-testid="vendors-period">
          {report.period.label}{report.period.soFar ? " (so far)" : ""} · {report.period.from.slice(0, 16).replace("T", " ")} – {report.period.to.slice(0, 16).replace("T", " ")} UTC
          {" · "}compliance buckets: hours (days older than 90 days; hours without traffic left out)
        </p>
        {!anyTarget && (
          <p className="rounded-md border border-slate-200 bg-white p-3 text-sm text-slate-700">
            No provider has an SLA target yet, so no provider can meet one.{" "}
            {can(user, "vendors.manage") ? <Link href="/settings/vendors" className="text-blue-700 underline">Set targets in Settings → Vendors.</Link> : "An admin sets them in Settings → Vendors."}
          </p>
        )}
        <ProvidersTable providers={report.providers} />
        <FailoverRanking workloads={report.workloads} minCompliance={report.minCompliance} />
        <ModelsTable models={report.models} />
      </div>
    </>
  );
}
