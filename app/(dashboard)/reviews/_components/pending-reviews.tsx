import Link from "next/link";
import { formatTime } from "@/components/ui/format.ts";
import { EmptyState } from "@/components/ui/states.tsx";
import { TableHead } from "@/components/ui/table-head.tsx";
import type { VersionSummary } from "@/lib/services/configs/types.ts";

const EXCERPT = 140;
const excerpt = (text: string) => (text.length > EXCERPT ? `${text.slice(0, EXCERPT - 1).trimEnd()}…` : text);

/** Pending proposals, the longest-waiting first; one's own are listed but marked, since someone else must decide them. */
export function PendingReviews({ rows }: { rows: (VersionSummary & { allowedReview: boolean })[] }) {
  if (rows.length === 0) return <EmptyState title="Nothing to review">No proposal is waiting. New ones appear here as owners propose them.</EmptyState>;
  return (
    <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white p-4">
      <table className="w-full text-left min-w-[40rem] text-sm" data-testid="pending-reviews">
        <TableHead columns={[{ label: "Service" }, { label: "Version" }, { label: "Author" }, { label: "Proposed" }, { label: "Rationale" }, { label: "Open", hidden: true }]} />
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} className="border-t border-slate-100 align-top" data-testid="review-row" data-slug={r.serviceSlug} data-version={r.version}>
              <td className="py-2 pr-3 font-medium">{r.serviceSlug}</td>
              <td className="py-2 pr-3">v{r.version}</td>
              <td className="py-2 pr-3">{r.author?.name ?? "system"}</td>
              <td className="py-2 pr-3 whitespace-nowrap">{r.proposedAt ? formatTime(r.proposedAt, true) : "—"}</td>
              <td className="max-w-md py-2 pr-3 break-words">{excerpt(r.rationale)}</td>
              <td className="py-2 whitespace-nowrap">
                <Link href={`/services/${r.serviceSlug}/config/versions/${r.id}`} className="text-blue-700 underline">
                  {r.allowedReview ? "Review" : "View (yours)"}<span className="sr-only"> version {r.version} of {r.serviceSlug}</span>
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
