import { changeTone, formatChange, type Better } from "@/components/reports/format.ts";

const TONE = { good: "text-healthy", bad: "text-critical", flat: "text-slate-600" } as const;
const WORD = { good: "better", bad: "worse", flat: "unchanged" } as const;

/** A signed change against the previous period; the word (for screen readers and print) says whether it is good news. */
export function Change({ delta, format, better }: { delta: number | null; format: (abs: number) => string; better: Better }) {
  const tone = changeTone(delta, better);
  return (
    <span className={`whitespace-nowrap text-xs ${TONE[tone]}`}>
      {formatChange(delta, format)}
      {delta !== null && <span className="sr-only"> ({WORD[tone]})</span>}
    </span>
  );
}
