import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { EmptyState } from "@/components/ui/states.tsx";
import { formatTime } from "@/components/ui/format.ts";
import { requirePermission } from "@/lib/auth/session.ts";
import { SnapshotListQuery } from "@/lib/schemas/report-snapshots.ts";
import { listSnapshots } from "@/lib/services/reports/list-snapshots.ts";

export const metadata: Metadata = { title: "Report snapshots" };

type Search = Record<string, string | string[] | undefined>;

export default async function SnapshotsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const user = await requirePermission("reports.read");
  const raw = await searchParams;
  // A bad page number shows the first page rather than failing the page.
  const parsed = SnapshotListQuery.safeParse({ page: typeof raw.page === "string" ? raw.page : undefined });
  const { items, total, page, pageSize } = await listSnapshots({ kind: "user", user }, parsed.success ? parsed.data : {});
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <>
      <PageHeader
        title="Report snapshots"
        description="Reports saved as they were computed: by an admin, or each week by the background worker. A snapshot never changes."
      />
      <p className="mb-4 text-sm"><Link href="/reports" className="underline">Back to the live report</Link></p>
      {items.length === 0 ? (
        <EmptyState title="No snapshots yet">An admin can save one from the report page; a weekly one is kept automatically.</EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm" data-testid="snapshots-table">
            <caption className="sr-only">Saved report snapshots, newest first</caption>
            <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
              <tr><th scope="col" className="px-3 py-2">Title</th><th scope="col" className="px-3 py-2">Kind</th><th scope="col" className="px-3 py-2">Period</th><th scope="col" className="px-3 py-2">Saved by</th><th scope="col" className="px-3 py-2">Saved at</th></tr>
            </thead>
            <tbody>
              {items.map((s) => (
                <tr key={s.id} className="border-t border-slate-100" data-testid="snapshot-row">
                  <td className="px-3 py-2"><Link href={`/reports/snapshots/${s.id}`} className="font-medium underline">{s.title}</Link></td>
                  <td className="px-3 py-2">{s.kind}</td>
                  <td className="px-3 py-2">{formatTime(s.periodFrom, true)} – {formatTime(s.periodTo, true)}</td>
                  <td className="px-3 py-2">{s.createdByLabel}</td>
                  <td className="px-3 py-2">{formatTime(s.createdAt, true)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pages > 1 && (
        <nav aria-label="Snapshot pages" className="mt-4 flex items-center gap-3 text-sm">
          {page > 1 && <Link href={`/reports/snapshots?page=${page - 1}`} className="underline">Newer</Link>}
          <span>Page {page} of {pages}</span>
          {page < pages && <Link href={`/reports/snapshots?page=${page + 1}`} className="underline">Older</Link>}
        </nav>
      )}
    </>
  );
}
