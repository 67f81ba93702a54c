import { formatCount, formatDuration, formatUsd } from "@/components/reports/format.ts";
import { formatScore } from "@/components/ui/format.ts";
import { TableHead } from "@/components/ui/table-head.tsx";
import type { Compared, Report } from "@/lib/domain/reports/types.ts";
import { Change } from "./change.tsx";

const COLUMNS = [
  { label: "Group" }, { label: "Score", align: "right" }, { label: "Lowest", align: "right" }, { label: "Critical time", align: "right" },
  { label: "Episodes (crit / warn)", align: "right" }, { label: "MTTA", align: "right" }, { label: "MTTR", align: "right" },
  { label: "Requests", align: "right" }, { label: "Cost", align: "right" }, { label: "Cost / 1k req", align: "right" },
] as const;

const score1 = (x: number) => x.toFixed(1);

function Row({ label, row, total = false }: { label: string; row: Compared; total?: boolean }) {
  const { figures: f, change: c } = row;
  const cell = "py-2 pr-3 text-right tabular-nums align-top";
  return (
    <tr className={total ? "border-t-2 border-slate-300 font-semibold" : "border-t border-slate-100"} data-testid={total ? "group-total" : "group-row"}>
      <th scope="row" className="py-2 pr-3 text-left align-top font-medium">{label}</th>
      <td className={cell}>{formatScore(f.score)} <div><Change delta={c.score} format={score1} better="up" /></div></td>
      <td className={cell}>{formatScore(f.lowestScore)}<div className="text-xs font-normal text-slate-600">{f.lowestService ?? ""}</div></td>
      <td className={cell}>{formatDuration(f.statusMs.critical)}</td>
      <td className={cell} data-testid="episodes">{f.episodes.critical} / {f.episodes.warning}</td>
      <td className={cell}>{formatDuration(f.mttaMs)}</td>
      <td className={cell}>{formatDuration(f.mttrMs)} <div><Change delta={c.mttrMs} format={formatDuration} better="down" /></div></td>
      <td className={cell} data-testid="requests">{formatCount(f.requests)}</td>
      <td className={cell}>{formatUsd(f.costUsd)} <div><Change delta={c.costUsd} format={formatUsd} better="down" /></div></td>
      <td className={cell}>{formatUsd(f.costPer1kRequests)}</td>
    </tr>
  );
}

/** One row per group and the portfolio's total; MTTR covers resolved episodes only. */
export function GroupsTable({ report }: { report: Report }) {
  return (
    <section aria-labelledby="groups-heading" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="groups-heading" className="mb-2 text-base font-semibold">By group</h2>
      <div className="relative overflow-x-auto">
        <table className="w-full min-w-[56rem] text-sm">
          <caption className="sr-only">Figures per group for {report.period.label}, with the change against {report.previousPeriod.label}</caption>
          <TableHead columns={COLUMNS} />
          <tbody>
            {report.groups.map((g) => <Row key={g.key} label={g.label} row={g} />)}
            <Row label="Portfolio" row={report.portfolio} total />
          </tbody>
        </table>
      </div>
    </section>
  );
}
