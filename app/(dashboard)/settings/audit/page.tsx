import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { requirePermission } from "@/lib/auth/session.ts";
import { listAudit } from "@/lib/services/audit/list-audit.ts";
import { contextFor } from "@/lib/services/context.ts";
import { AuditFiltersForm } from "./_components/audit-filters-form.tsx";
import { AuditTable } from "./_components/audit-table.tsx";
import { VerifyChain } from "./_components/verify-chain.tsx";
import { auditQuery, parseAuditFilters, type AuditSearch } from "./_lib/audit-filters.ts";
import { verifyAuditAction } from "./actions.ts";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage({ searchParams }: { searchParams: Promise<AuditSearch> }) {
  const user = await requirePermission("audit.read");
  const { filters, error } = parseAuditFilters(await searchParams);
  const { page: _page, ...criteria } = filters;
  const result = await listAudit(contextFor(user), { ...criteria, page: filters.page });
  const pages = Math.max(1, Math.ceil(result.total / result.pageSize));
  return (
    <>
      <PageHeader title="Audit log"
        description="Every change — config versions, reviews, API keys, users, alerts — newest first. Each row carries the hash of the one before it, so an edited or deleted row breaks the chain.">
        <VerifyChain verify={verifyAuditAction} />
      </PageHeader>
      <AuditFiltersForm filters={filters} />
      {error && <p role="alert" className="mb-3 text-sm font-medium text-critical">{error}</p>}
      <p className="mb-2 text-sm text-slate-600" data-testid="audit-total">
        {result.total === 0 ? "No rows" : `${result.total} row${result.total === 1 ? "" : "s"}`}{result.total > 0 ? `, page ${result.page} of ${pages}` : ""}.
      </p>
      <AuditTable rows={result.rows} />
      {pages > 1 && (
        <nav aria-label="Pages" className="mt-3 flex gap-3 text-sm">
          {result.page > 1 && <Link className="text-blue-700 underline" href={`/settings/audit${auditQuery(filters, result.page - 1)}`}>Newer</Link>}
          {result.page < pages && <Link className="text-blue-700 underline" href={`/settings/audit${auditQuery(filters, result.page + 1)}`}>Older</Link>}
        </nav>
      )}
    </>
  );
}
