import type { VendorQuery } from "@/lib/schemas/vendors.ts";
import { PeriodFields } from "@/components/ui/period-fields.tsx";

/** The vendor view's period picker: a plain GET form, so the period lives in the URL. */
export function VendorControls({ query }: { query: VendorQuery }) {
  return (
    <form method="get" action="/vendors" aria-label="Vendor period" className="flex flex-wrap items-end gap-3">
      <PeriodFields query={query} />
      <button type="submit" className="rounded-md bg-slate-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-700">
        Show vendors
      </button>
    </form>
  );
}
