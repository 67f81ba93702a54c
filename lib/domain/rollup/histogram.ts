import { truncateUtf8 } from "../event.ts";

// Drift histograms (DESIGN.md §2): { attribute: { bin: count } }. String attributes are counted per value,
// numeric ones (and the response length, always) on fixed log-spaced bins shared by every rollup, so
// histograms of any two windows line up for the PSI.
//
// Caps: at most 50 string values per attribute and 32 attributes per histogram set. What survives a cap is
// chosen by a fixed order (code-unit order of the value or attribute name), not by arrival or frequency:
// keeping "the k smallest of the union" is associative and commutative, so a rollup is the same whether its
// events were folded one by one, in batches, merged from minutes or rebuilt — a cap chosen by arrival order
// or by counts would not be. Values past the cap are counted under "(other)"; attributes past it are dropped.

export type Histogram = Record<string, number>;
export type Histograms = Record<string, Histogram>;

export const OTHER = "(other)";
export const MAX_STRING_VALUES = 50;
export const MAX_HISTOGRAM_ATTRIBUTES = 32;
/** Always histogrammed, from the response's length in characters; an attribute of that name is ignored. */
export const RESPONSE_LENGTH = "response_length";

/**
 * Lower edges of the numeric bins: 0, then every power of √2 from 2^-10 (≈ 0.001) to 2^30 (≈ 1.07e9). A
 * factor of √2 between edges resolves a 41 % shift — finer than drift worth alerting on — with 81 bins for
 * twelve decades: latencies and token counts in the thousands, costs and scores below 1, lengths in between.
 * Bin i holds [edge i, edge i+1); the last is open-ended; negative numbers share one bin below 0.
 */
export const NUMERIC_BIN_EDGES: readonly number[] = [0, ...Array.from({ length: 81 }, (_, k) => 2 ** ((k - 20) / 2))];

export const NEGATIVE_BIN = "<0";
const formatEdge = (edge: number) => (edge === 0 ? "0" : String(Number(edge.toPrecision(4))));
/** Bin labels, "≥" + the lower edge: "≥0", "≥0.0009766", …, "≥1", "≥1.414", "≥2", …, "≥1074000000". */
export const NUMERIC_BIN_LABELS: readonly string[] = NUMERIC_BIN_EDGES.map((e) => `≥${formatEdge(e)}`);
const NUMERIC_LABELS = new Set([NEGATIVE_BIN, ...NUMERIC_BIN_LABELS]);

export function numericBin(value: number): string {
  if (value < 0) return NEGATIVE_BIN;
  let lo = 0;
  let hi = NUMERIC_BIN_EDGES.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (NUMERIC_BIN_EDGES[mid]! <= value) lo = mid;
    else hi = mid - 1;
  }
  return NUMERIC_BIN_LABELS[lo]!;
}

/**
 * The response length the histogram records: characters (code points) of the response as stored, i.e.
 * truncated to 8 KiB of UTF-8 — so a rebuild from raw events measures what live folding measured.
 */
export function responseLength(response: string): number {
  let n = 0;
  for (const _ of truncateUtf8(response)) n++;
  return n;
}

/**
 * The prototype of every dict: no properties and no prototype of its own, so nothing is inherited and no
 * `__proto__` accessor is in reach. (A dict's own prototype is not null because V8 keeps objects made by
 * Object.create(null) in its slow dictionary mode: JSON and property access on them cost ≈ 2×, and rollups
 * handle millions of them.)
 */
const NO_KEYS: object = Object.freeze(Object.create(null));

/** A record keyed by user data: nothing inherited, and a key like "__proto__" is an ordinary key. */
export function dict<T>(entries?: Record<string, T>): Record<string, T> {
  return Object.assign(Object.create(NO_KEYS) as Record<string, T>, entries);
}

/** Adds counts into `target` (in place), then applies the value cap. */
export function mergeHistogramInto(target: Histogram, source: Histogram): void {
  for (const label in source) target[label] = (target[label] ?? 0) + source[label]!;
  capValues(target);
}

export function addToHistogram(target: Histogram, label: string, count = 1): void {
  const known = label in target;
  target[label] = (target[label] ?? 0) + count;
  if (!known) capValues(target);
}

function capValues(h: Histogram): void {
  const strings: string[] = [];
  for (const label in h) if (label !== OTHER && !NUMERIC_LABELS.has(label)) strings.push(label);
  if (strings.length <= MAX_STRING_VALUES) return;
  strings.sort(byCodeUnit);
  let folded = 0;
  for (const label of strings.slice(MAX_STRING_VALUES)) {
    folded += h[label]!;
    delete h[label];
  }
  h[OTHER] = (h[OTHER] ?? 0) + folded;
}

/** Merges a histogram set into `target` (in place), attribute by attribute, then applies the attribute cap. */
export function mergeHistogramsInto(target: Histograms, source: Histograms): void {
  for (const attribute in source) {
    const into = (target[attribute] ??= dict<number>());
    mergeHistogramInto(into, source[attribute]!);
  }
  capAttributes(target);
}

export function capAttributes(target: Histograms): void {
  const names = Object.keys(target).filter((n) => n !== RESPONSE_LENGTH);
  if (names.length <= MAX_HISTOGRAM_ATTRIBUTES) return;
  for (const name of names.sort(byCodeUnit).slice(MAX_HISTOGRAM_ATTRIBUTES)) delete target[name];
}

/** Code-unit order: the same on every machine and locale, unlike localeCompare. */
export function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
