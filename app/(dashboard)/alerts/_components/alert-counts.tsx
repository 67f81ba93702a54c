import type { AlertCounts as Counts } from "@/lib/db/alert-queries.ts";

const CARDS: { key: keyof Counts; label: string; className: string }[] = [
  { key: "firing", label: "Firing", className: "text-critical" },
  { key: "pending", label: "Pending", className: "text-warning" },
  { key: "acknowledged", label: "Acknowledged (open)", className: "text-blue-800" },
  { key: "resolvedSince", label: "Resolved in the last 24 h", className: "text-healthy" },
];

export function AlertCounts({ counts }: { counts: Counts }) {
  return (
    <dl aria-label="Alert counts" className="grid grid-cols-2 gap-2 sm:grid-cols-4">
      {CARDS.map((c) => (
        <div key={c.key} className="rounded-lg border border-slate-200 bg-white px-3 py-2" data-testid={`alert-count-${c.key}`}>
          <dt className="text-xs text-slate-600">{c.label}</dt>
          <dd className={`text-2xl font-semibold tabular-nums ${c.className}`}>{counts[c.key]}</dd>
        </div>
      ))}
    </dl>
  );
}
