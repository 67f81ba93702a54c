"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { formatTime } from "@/components/ui/format.ts";
import { EmptyState } from "@/components/ui/states.tsx";
import { TableHead } from "@/components/ui/table-head.tsx";
import type { VersionSummary } from "@/lib/services/configs/types.ts";
import type { ActionResult } from "./action-result.ts";
import { RationaleDialog } from "./rationale-dialog.tsx";
import { VersionStatusBadge } from "./version-status.tsx";

// Every version of a service's config, newest first, with who did what and why; owners may propose going back
// to an older one (a rollback is a new proposal, reviewed like any other).

type Rollback = (toVersionId: string, rationale: string) => Promise<ActionResult<{ id: string; version: number }>>;

export function VersionHistory({ slug, versions, rollback }: { slug: string; versions: VersionSummary[]; rollback: Rollback | null }) {
  const router = useRouter();
  const [target, setTarget] = useState<VersionSummary | null>(null);
  if (versions.length === 0) return <EmptyState title="No versions yet">The built-in default config scores this service until a version is approved.</EmptyState>;
  // Only a version that once scored the service is a rollback target; the active one is where we are.
  const canRollBackTo = (v: VersionSummary) => rollback !== null && v.status === "superseded";
  return (
    <>
      <div className="relative overflow-x-auto">
        <table className="w-full text-left min-w-[44rem] text-sm" data-testid="version-history">
          <TableHead columns={[{ label: "Version" }, { label: "Status" }, { label: "Author" }, { label: "Why" }, { label: "Review" }, { label: "Actions", hidden: true }]} />
          <tbody>
            {versions.map((v) => (
              <tr key={v.id} className="border-t border-slate-100 align-top" data-testid="version-row" data-version={v.version} data-status={v.status}>
                <td className="py-2 pr-3"><Link href={`/services/${slug}/config/versions/${v.id}`} className="text-blue-700 underline">v{v.version}</Link></td>
                <td className="py-2 pr-3"><VersionStatusBadge status={v.status} /></td>
                <td className="py-2 pr-3">
                  {v.author?.name ?? "system"}
                  <div className="text-xs text-slate-600">{formatTime(v.proposedAt ?? v.createdAt, true)}</div>
                </td>
                <td className="max-w-xs py-2 pr-3 break-words">{v.rationale || <span className="text-slate-500">—</span>}</td>
                <td className="py-2 pr-3">
                  {v.reviewer ? (
                    <>
                      {v.reviewer.name}
                      {v.reviewedAt && <div className="text-xs text-slate-600">{formatTime(v.reviewedAt, true)}</div>}
                      {v.reviewComment && <div className="text-xs text-slate-700">“{v.reviewComment}”</div>}
                    </>
                  ) : <span className="text-slate-500">—</span>}
                  {v.activateAt && v.status === "approved" && <div className="text-xs text-slate-700">activates {formatTime(v.activateAt, true)}</div>}
                </td>
                <td className="py-2">
                  {canRollBackTo(v) && (
                    <button type="button" onClick={() => setTarget(v)} className="rounded-md border border-slate-300 px-2 py-1 text-xs hover:bg-slate-100">
                      Propose rollback to v{v.version}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rollback && (
        <RationaleDialog open={target !== null} title={`Propose rollback to version ${target?.version ?? ""}`} label="Why roll back" submitLabel="Propose rollback"
          description="This creates a new proposal with that version's config; a reviewer approves it like any other."
          onClose={() => setTarget(null)}
          onSubmit={async (rationale) => {
            if (!target) return null;
            const result = await rollback(target.id, rationale);
            if (!result.ok) return result.message;
            setTarget(null);
            router.push(`/services/${slug}/config/versions/${result.value.id}`);
            return null;
          }} />
      )}
    </>
  );
}
