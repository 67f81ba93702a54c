import type { TelemetryEvent } from "../event.ts";
import {
  addToHistogram, capAttributes, dict, mergeHistogramsInto, numericBin, RESPONSE_LENGTH, responseLength,
  type Histogram, type Histograms,
} from "./histogram.ts";
import { addToSketch, cloneSketch, createSketch, mergeSketchInto, type Sketch } from "./sketch.ts";

// The aggregate of one rollup row (prisma/models.prisma, model Rollup), column for column. A mean's sample
// count is the number of events that carried the field (DESIGN.md §4), so every summed field has its own count.

/** [sum, count] of a named signal: a boolean eval or an outcome counts true as 1, false as 0. */
export type SumCount = [sum: number, count: number];
export type SumCounts = Record<string, SumCount>;

/** Element-wise sum of the embeddings and their number: the centroid is sum / count. */
export interface EmbeddingSum {
  sum: number[];
  count: number;
}

export interface RollupAggregate {
  count: number;
  errors: number;
  /** Events rejected at ingest, on all-traffic rows only: the minute's and its hour's (set by the db layer). */
  rejected: number;
  latencySketch: Sketch | null;
  latencyCount: number;
  latencySum: number;
  latencyMin: number | null;
  latencyMax: number | null;
  ttftSketch: Sketch | null;
  ttftCount: number;
  ttftSum: number;
  costCount: number;
  costSum: number;
  /** Events carrying input_tokens or output_tokens; the sums treat the absent one as 0. */
  tokensCount: number;
  inputTokens: number;
  outputTokens: number;
  evals: SumCounts;
  feedback: SumCounts;
  outcomes: SumCounts;
  /** `precision` and `score` of the retrieval signals. */
  retrieval: SumCounts;
  embedding: EmbeddingSum;
  histograms: Histograms;
  /** Events missing each field, by its wire name (MISSING_FIELDS); only non-zero counts are kept. */
  missing: Record<string, number>;
}

/** Fields whose absence is counted for `quality.missing.<field>.rate` (DESIGN.md §4); evals/feedback: empty. */
export const MISSING_FIELDS = [
  "latency_ms", "ttft_ms", "model", "provider", "cost_usd", "input_tokens", "output_tokens", "evals", "feedback",
] as const;
export type MissingField = (typeof MISSING_FIELDS)[number];

export function emptyAggregate(): RollupAggregate {
  return {
    count: 0, errors: 0, rejected: 0,
    latencySketch: null, latencyCount: 0, latencySum: 0, latencyMin: null, latencyMax: null,
    ttftSketch: null, ttftCount: 0, ttftSum: 0,
    costCount: 0, costSum: 0,
    tokensCount: 0, inputTokens: 0, outputTokens: 0,
    evals: dict(), feedback: dict(), outcomes: dict(), retrieval: dict(),
    embedding: { sum: [], count: 0 },
    histograms: dict(), missing: dict(),
  };
}

/** Folds one event into `agg` (in place). */
export function addEvent(agg: RollupAggregate, e: TelemetryEvent): void {
  agg.count += 1;
  if (e.status === "error") agg.errors += 1;
  if (e.latencyMs !== undefined) {
    addToSketch((agg.latencySketch ??= createSketch()), e.latencyMs);
    agg.latencyCount += 1;
    agg.latencySum += e.latencyMs;
    agg.latencyMin = agg.latencyMin === null ? e.latencyMs : Math.min(agg.latencyMin, e.latencyMs);
    agg.latencyMax = agg.latencyMax === null ? e.latencyMs : Math.max(agg.latencyMax, e.latencyMs);
  } else addMissing(agg, "latency_ms");
  if (e.ttftMs !== undefined) {
    addToSketch((agg.ttftSketch ??= createSketch()), e.ttftMs);
    agg.ttftCount += 1;
    agg.ttftSum += e.ttftMs;
  } else addMissing(agg, "ttft_ms");
  if (e.costUsd !== undefined) {
    agg.costCount += 1;
    agg.costSum += e.costUsd;
  } else addMissing(agg, "cost_usd");
  if (e.inputTokens !== undefined || e.outputTokens !== undefined) {
    agg.tokensCount += 1;
    agg.inputTokens += e.inputTokens ?? 0;
    agg.outputTokens += e.outputTokens ?? 0;
  }
  if (e.inputTokens === undefined) addMissing(agg, "input_tokens");
  if (e.outputTokens === undefined) addMissing(agg, "output_tokens");
  if (e.model === undefined) addMissing(agg, "model");
  if (e.provider === undefined) addMissing(agg, "provider");

  let evals = 0;
  for (const name in e.evals) {
    const v = e.evals[name]!;
    addSample(agg.evals, name, typeof v === "boolean" ? Number(v) : v);
    evals++;
  }
  if (evals === 0) addMissing(agg, "evals");
  let feedback = 0;
  for (const name in e.feedback) {
    addSample(agg.feedback, name, e.feedback[name]!);
    feedback++;
  }
  if (feedback === 0) addMissing(agg, "feedback");
  for (const name in e.outcomes) addSample(agg.outcomes, name, Number(e.outcomes[name]!));
  if (e.retrieval.precision !== undefined) addSample(agg.retrieval, "precision", e.retrieval.precision);
  if (e.retrieval.score !== undefined) addSample(agg.retrieval, "score", e.retrieval.score);

  if (e.embedding && e.embedding.length > 0) addEmbedding(agg.embedding, { sum: e.embedding, count: 1 });

  const h = agg.histograms;
  // The attribute cap only needs checking when an attribute is new to this row: what was there is capped already.
  let newAttribute = false;
  for (const name in e.attributes) {
    if (name === RESPONSE_LENGTH) continue;
    const v = e.attributes[name]!;
    let histogram = h[name];
    if (!histogram) {
      h[name] = histogram = dict();
      newAttribute = true;
    }
    addToHistogram(histogram, typeof v === "number" ? numericBin(v) : v);
  }
  if (e.response !== undefined) addToHistogram((h[RESPONSE_LENGTH] ??= dict()), numericBin(responseLength(e.response)));
  if (newAttribute) capAttributes(h);
}

// Not a closure inside addEvent, which would allocate one for every event and every row it touches.
function addMissing(agg: RollupAggregate, field: MissingField): void {
  agg.missing[field] = (agg.missing[field] ?? 0) + 1;
}

function addSample(into: SumCounts, name: string, value: number): void {
  const sc = into[name];
  if (sc) {
    sc[0] += value;
    sc[1] += 1;
  } else into[name] = [value, 1];
}

/**
 * Adds `source` into `target` (in place). A service's embedding dimension is fixed at ingest; should a rollup
 * still meet two dimensions (the service changed model), the side with more embeddings wins — a centroid of
 * mixed dimensions would mean nothing.
 */
export function addEmbedding(target: EmbeddingSum, source: EmbeddingSum): void {
  if (source.count === 0) return;
  if (target.count === 0 || target.sum.length !== source.sum.length) {
    if (target.count > source.count || (target.count === source.count && target.sum.length >= source.sum.length)) return;
    target.sum = [...source.sum];
    target.count = source.count;
    return;
  }
  for (let i = 0; i < source.sum.length; i++) target.sum[i]! += source.sum[i]!;
  target.count += source.count;
}

/** Adds everything of `source` into `target` (in place); `source` is not changed. */
export function mergeAggregateInto(target: RollupAggregate, source: RollupAggregate): void {
  target.count += source.count;
  target.errors += source.errors;
  target.rejected += source.rejected;
  target.latencySketch = mergeSketches(target.latencySketch, source.latencySketch);
  target.latencyCount += source.latencyCount;
  target.latencySum += source.latencySum;
  target.latencyMin = combine(target.latencyMin, source.latencyMin, Math.min);
  target.latencyMax = combine(target.latencyMax, source.latencyMax, Math.max);
  target.ttftSketch = mergeSketches(target.ttftSketch, source.ttftSketch);
  target.ttftCount += source.ttftCount;
  target.ttftSum += source.ttftSum;
  target.costCount += source.costCount;
  target.costSum += source.costSum;
  target.tokensCount += source.tokensCount;
  target.inputTokens += source.inputTokens;
  target.outputTokens += source.outputTokens;
  for (const key of ["evals", "feedback", "outcomes", "retrieval"] as const) {
    const into = target[key];
    const from = source[key];
    for (const name in from) {
      const [sum, count] = from[name]!;
      const sc = into[name];
      if (sc) {
        sc[0] += sum;
        sc[1] += count;
      } else into[name] = [sum, count];
    }
  }
  addEmbedding(target.embedding, source.embedding);
  mergeHistogramsInto(target.histograms, source.histograms);
  for (const field in source.missing) target.missing[field] = (target.missing[field] ?? 0) + source.missing[field]!;
}

/** a ⊕ b as a new aggregate: associative and commutative (sums, counts, sketch bins, capped histograms). */
export function mergeAggregates(a: RollupAggregate, b: RollupAggregate): RollupAggregate {
  const out = emptyAggregate();
  mergeAggregateInto(out, a);
  mergeAggregateInto(out, b);
  return out;
}

export function cloneAggregate(a: RollupAggregate): RollupAggregate {
  const out = emptyAggregate();
  mergeAggregateInto(out, a);
  return out;
}

function mergeSketches(target: Sketch | null, source: Sketch | null): Sketch | null {
  if (!source) return target;
  if (!target) return cloneSketch(source);
  mergeSketchInto(target, source);
  return target;
}

function combine(a: number | null, b: number | null, pick: (x: number, y: number) => number): number | null {
  return a === null ? b : b === null ? a : pick(a, b);
}

export type { Histogram, Histograms };
