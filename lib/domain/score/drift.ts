import type { EmbeddingSum } from "../rollup/aggregate.ts";
import type { Histogram } from "../rollup/histogram.ts";

// Drift metrics (DESIGN.md §4) against a baseline window, from what rollups keep: an embedding sum and count
// (the centroid), and per-attribute histograms.

/** Share given to an empty bin, so ln(p/q) stays finite (DESIGN.md §4). */
export const PSI_EPSILON = 1e-4;

/**
 * Population stability index of `window` against `baseline`:
 *
 *   PSI = Σᵢ (pᵢ − qᵢ) · ln(pᵢ / qᵢ)
 *
 * with pᵢ the window's share and qᵢ the baseline's share of bin i. The bins are the baseline's labels, plus one
 * for window values the baseline never saw (a language that appears only now is exactly the drift to catch;
 * dropping it would hide it). A share of 0 is replaced by ε = 1e-4 without renormalising, as is usual for PSI.
 * Each term is ≥ 0 (p − q and ln(p/q) share their sign), so PSI ≥ 0, and it is symmetric in p and q.
 * Null when either side is empty.
 */
export function populationStabilityIndex(window: Histogram, baseline: Histogram): number | null {
  const baselineTotal = total(baseline);
  const windowTotal = total(window);
  if (baselineTotal <= 0 || windowTotal <= 0) return null;
  let psi = 0;
  let seen = 0;
  for (const label in baseline) {
    const count = window[label] ?? 0;
    seen += count;
    psi += term(count / windowTotal, baseline[label]! / baselineTotal);
  }
  const unseen = windowTotal - seen;
  if (unseen > 0) psi += term(unseen / windowTotal, 0);
  return psi;
}

function term(p: number, q: number): number {
  const ps = p > 0 ? p : PSI_EPSILON;
  const qs = q > 0 ? q : PSI_EPSILON;
  return (ps - qs) * Math.log(ps / qs);
}

function total(h: Histogram): number {
  let sum = 0;
  for (const label in h) sum += h[label]!;
  return sum;
}

/** 1 − cos(a, b) ∈ [0, 2]; null for vectors of different lengths or a zero vector (no direction). */
export function cosineDistance(a: readonly number[], b: readonly number[]): number | null {
  if (a.length === 0 || a.length !== b.length) return null;
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  if (na === 0 || nb === 0) return null;
  // Rounding can push |cos| a hair past 1; the distance is clamped to its range.
  return Math.min(2, Math.max(0, 1 - dot / Math.sqrt(na * nb)));
}

/** Cosine distance between the centroids (sum / count) of two embedding sums; null when either is empty. */
export function embeddingDrift(window: EmbeddingSum, baseline: EmbeddingSum): number | null {
  if (window.count === 0 || baseline.count === 0) return null;
  return cosineDistance(centroid(window), centroid(baseline));
}

export function centroid(e: EmbeddingSum): number[] {
  return e.sum.map((x) => x / e.count);
}
