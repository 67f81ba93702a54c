const BUTTON = "rounded-md border border-slate-300 bg-white px-3 py-1 text-sm hover:bg-slate-100 disabled:opacity-50 disabled:hover:bg-white";

export function Pagination({ page, pages, total, size, onPage }: { page: number; pages: number; total: number; size: number; onPage: (page: number) => void }) {
  const first = total === 0 ? 0 : (page - 1) * size + 1;
  const last = Math.min(total, page * size);
  return (
    <nav aria-label="Pages of alerts" className="flex flex-wrap items-center justify-between gap-2 text-sm text-slate-700">
      <p data-testid="alerts-range">
        {first}–{last} of {total} {total === 1 ? "alert" : "alerts"} · page {page} of {pages}
      </p>
      <div className="flex gap-2">
        <button type="button" className={BUTTON} disabled={page <= 1} onClick={() => onPage(page - 1)}>
          Previous page
        </button>
        <button type="button" className={BUTTON} disabled={page >= pages} onClick={() => onPage(page + 1)}>
          Next page
        </button>
      </div>
    </nav>
  );
}
