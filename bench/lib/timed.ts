// Timing for the benchmarks: `runs` timed calls after `warmups` untimed ones (JIT, prepared statements, page
// cache), reported as p50 / p95 / mean in milliseconds.

export interface Timing {
  p50: number;
  p95: number;
  mean: number;
}

/** The q-quantile of ascending values (nearest rank). */
export function percentile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

export async function timed(runs: number, work: () => Promise<unknown>, warmups = 1): Promise<Timing> {
  for (let i = 0; i < warmups; i++) await work();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await work();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 0.5), p95: percentile(times, 0.95), mean: times.reduce((s, x) => s + x, 0) / runs };
}
