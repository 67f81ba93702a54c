import type { ReactNode } from "react";

/** A grey placeholder block of a fixed size, so content arriving later does not move the layout. */
export function Skeleton({ className = "h-4 w-full" }: { className?: string }) {
  return <div aria-hidden="true" className={`animate-pulse rounded bg-slate-200 ${className}`} />;
}

/** A section that is loading: the skeleton is hidden from assistive tech; the label is announced instead. */
export function LoadingBlock({ label, className = "h-40" }: { label: string; className?: string }) {
  return (
    <div role="status" aria-live="polite">
      <span className="sr-only">{label}</span>
      <Skeleton className={`w-full ${className}`} />
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-sm text-slate-600">
      <p className="font-medium text-slate-800">{title}</p>
      {children && <div className="mt-1">{children}</div>}
    </div>
  );
}

/** A failed load, with what went wrong and a retry button. */
export function ErrorState({ title = "Could not load this section", message, onRetry }: { title?: string; message: string; onRetry: () => void }) {
  return (
    <div role="alert" className="rounded-lg border border-critical/40 bg-critical-soft p-4 text-sm text-critical">
      <p className="font-medium">{title}</p>
      <p className="mt-1 text-slate-800">{message}</p>
      <button type="button" onClick={onRetry} className="mt-3 rounded-md border border-slate-300 bg-white px-3 py-1 text-slate-900 hover:bg-slate-100">
        Retry
      </button>
    </div>
  );
}
