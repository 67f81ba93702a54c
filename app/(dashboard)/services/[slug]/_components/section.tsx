import type { UseQueryResult } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { ErrorState, LoadingBlock } from "@/components/ui/states.tsx";

/**
 * A titled section over one query: a skeleton while the first answer loads, an error with a retry when it
 * fails (above the last good answer, if any), else its content.
 */
export function Section<T>({
  title, id, query, actions, skeletonClass = "h-40", children,
}: { title: string; id: string; query: UseQueryResult<T>; actions?: ReactNode; skeletonClass?: string; children: (data: T) => ReactNode }) {
  return (
    <section aria-labelledby={`${id}-title`} className="rounded-lg border border-slate-200 bg-white p-4" data-testid={id}>
      <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
        <h2 id={`${id}-title`} className="text-base font-semibold">{title}</h2>
        {actions}
      </div>
      {query.isError && (
        <div className="mb-3">
          <ErrorState message={query.error.message} onRetry={() => void query.refetch()} />
        </div>
      )}
      {query.data !== undefined ? children(query.data) : !query.isError && <LoadingBlock label={`Loading ${title.toLowerCase()}`} className={skeletonClass} />}
    </section>
  );
}
