import type { VersionStatus } from "@/lib/services/configs/types.ts";

// A version's status, written out (never colour alone).
const STYLE: Record<VersionStatus, string> = {
  draft: "border-slate-300 bg-slate-50 text-slate-700",
  pending: "border-warning/40 bg-warning-soft text-warning",
  approved: "border-blue-300 bg-blue-50 text-blue-800",
  active: "border-healthy/40 bg-healthy-soft text-healthy",
  superseded: "border-slate-300 bg-white text-slate-600",
  rejected: "border-critical/40 bg-critical-soft text-critical",
  withdrawn: "border-slate-300 bg-white text-slate-600",
};
const LABEL: Record<VersionStatus, string> = {
  draft: "Draft", pending: "Pending review", approved: "Approved (scheduled)", active: "Active", superseded: "Superseded", rejected: "Rejected", withdrawn: "Withdrawn",
};

export function VersionStatusBadge({ status }: { status: VersionStatus }) {
  return <span data-version-status={status} className={`inline-block rounded border px-1.5 py-0.5 text-xs font-medium ${STYLE[status]}`}>{LABEL[status]}</span>;
}
