// The normalisation curve of one component (DESIGN.md §5): the 0–100 points a metric value earns, flat at 0
// beyond `bad`, flat at 100 beyond `good`, linear in between; and the recent values placed on it. Pure, so the
// chart only draws what it is given.

export interface CurvePoint { x: number; score: number }
export interface ValueDot { x: number; score: number; at: string }

/** s = clamp((v − bad) / (good − bad), 0, 1) × 100; the order of good and bad gives the direction. */
export function pointsFor(value: number, good: number, bad: number): number {
  return 100 * Math.min(1, Math.max(0, (value - bad) / (good - bad)));
}

/**
 * The curve over a range wide enough to show both bounds and every recent value, with a margin; null when the
 * bounds are not two different finite numbers (the form shows that error instead of a chart).
 */
export function normalisationCurve(good: number, bad: number, values: readonly number[]): { curve: CurvePoint[]; domain: [number, number] } | null {
  if (!Number.isFinite(good) || !Number.isFinite(bad) || good === bad) return null;
  const xs = [good, bad, ...values.filter(Number.isFinite)];
  const lo = Math.min(...xs);
  const hi = Math.max(...xs);
  const pad = (hi - lo) * 0.1;
  const domain: [number, number] = [Math.max(lo - pad, lo >= 0 ? 0 : -Infinity), hi + pad];
  const knots = [domain[0], Math.min(good, bad), Math.max(good, bad), domain[1]];
  const curve = [...new Set(knots)].sort((a, b) => a - b).map((x) => ({ x, score: pointsFor(x, good, bad) }));
  return { curve, domain };
}

/** Recent values as dots on the curve, so the owner sees where today's traffic lands. */
export function valueDots(series: readonly { at: string; value: number | null }[], good: number, bad: number): ValueDot[] {
  return series.flatMap((p) => (p.value === null || !Number.isFinite(p.value) ? [] : [{ x: p.value, score: pointsFor(p.value, good, bad), at: p.at }]));
}
