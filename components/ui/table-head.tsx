export interface Column {
  label: string;
  /** Numbers align right. */
  align?: "right";
  /** A column whose cells are controls: its header is for screen readers only. */
  hidden?: boolean;
}

/** The header row of a compact data table. */
export function TableHead({ columns, className = "" }: { columns: readonly Column[]; className?: string }) {
  return (
    <thead className={`text-xs uppercase tracking-wide text-slate-600 ${className}`}>
      <tr>
        {columns.map((c, i) => (
          <th key={c.label} scope="col" className={`py-2 ${i < columns.length - 1 ? "pr-3" : ""} ${c.align === "right" ? "text-right" : ""}`}>
            {c.hidden ? <span className="sr-only">{c.label}</span> : c.label}
          </th>
        ))}
      </tr>
    </thead>
  );
}
