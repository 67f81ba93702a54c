"use client";

import { usePathname, useRouter } from "next/navigation";
import { useTransition } from "react";
import { DaysSelect } from "./days-select.tsx";

/** The proposal page's backtest range, kept in the URL (?days=14) so a reviewer can share what they looked at. */
export function BacktestRange({ days }: { days: number }) {
  const router = useRouter();
  const pathname = usePathname();
  const [pending, startTransition] = useTransition();
  return (
    <div className="flex items-end gap-2">
      <DaysSelect id="backtest-days" value={days} onChange={(d) => startTransition(() => router.replace(d === 7 ? pathname : `${pathname}?days=${d}`, { scroll: false }))} />
      {pending && <span role="status" className="pb-2 text-sm text-slate-600">Replaying…</span>}
    </div>
  );
}
