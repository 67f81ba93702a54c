import type { ReactNode } from "react";

/** A plain notice for a section whose feature has not been built yet — says so instead of pretending. */
export function ComingSoon({ children }: { children: ReactNode }) {
  return (
    <div role="status" className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-sm text-slate-600">
      <p className="font-medium text-slate-800">Not built yet</p>
      <div className="mt-1">{children}</div>
    </div>
  );
}
