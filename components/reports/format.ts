// Display formats of report figures; pure, shared by the page's tables and cards.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "—", "45 s", "12 min", "3 h 20 min", "2 d 4 h". */
export function formatDuration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return "—";
  const abs = Math.abs(ms);
  const sign = ms < 0 ? "−" : "";
  if (abs < MINUTE) return `${sign}${Math.round(abs / 1000)} s`;
  if (abs < HOUR) return `${sign}${Math.round(abs / MINUTE)} min`;
  if (abs < DAY) {
    const h = Math.floor(abs / HOUR);
    const m = Math.round((abs - h * HOUR) / MINUTE);
    return m === 0 || m === 60 ? `${sign}${m === 60 ? h + 1 : h} h` : `${sign}${h} h ${m} min`;
  }
  const d = Math.floor(abs / DAY);
  const h = Math.round((abs - d * DAY) / HOUR);
  return h === 0 || h === 24 ? `${sign}${h === 24 ? d + 1 : d} d` : `${sign}${d} d ${h} h`;
}

export function formatUsd(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return "—";
  const abs = Math.abs(value);
  const text = abs >= 100 ? Math.round(abs).toLocaleString("en") : abs >= 1 ? abs.toFixed(2) : abs.toFixed(4);
  return `${value < 0 ? "−" : ""}$${text}`;
}

export function formatCount(n: number): string {
  return `${n < 0 ? "−" : ""}${Math.round(Math.abs(n)).toLocaleString("en")}`;
}

/** A signed change: "+3.2", "−12 min", "±0"; "—" when there is nothing to compare. */
export function formatChange(delta: number | null, format: (abs: number) => string): string {
  if (delta === null || !Number.isFinite(delta)) return "—";
  if (Math.abs(delta) < 1e-9) return "±0";
  return `${delta > 0 ? "+" : "−"}${format(Math.abs(delta))}`;
}

/** Whether a change is good news: a rising score is, rising MTTR or cost is not. */
export type Better = "up" | "down";
export function changeTone(delta: number | null, better: Better): "good" | "bad" | "flat" {
  if (delta === null || Math.abs(delta) < 1e-9) return "flat";
  return (delta > 0) === (better === "up") ? "good" : "bad";
}
