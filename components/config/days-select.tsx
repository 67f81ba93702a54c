"use client";

/** The backtest's range: 7 days by default, at most 30 (the rollups keep hour rows that long). */
export const BACKTEST_DAYS = [1, 3, 7, 14, 30] as const;

export function DaysSelect({ id, value, onChange }: { id: string; value: number; onChange: (days: number) => void }) {
  return (
    <div className="flex flex-col gap-1 text-sm">
      <label htmlFor={id} className="font-medium">Backtest range</label>
      <select id={id} value={value} onChange={(e) => onChange(Number(e.target.value))} className="rounded-md border border-slate-300 bg-white px-2 py-1.5">
        {BACKTEST_DAYS.map((d) => <option key={d} value={d}>Last {d === 1 ? "day" : `${d} days`}</option>)}
      </select>
    </div>
  );
}
