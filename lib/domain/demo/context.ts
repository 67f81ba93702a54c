import type { EmbeddingDriftIncident, ResolvedIncident } from "./incidents.ts";
import { DEMO_MODELS, type DemoModel, type DemoModelName } from "./models.ts";
import { Random, WeightedTable } from "./random.ts";
import type { DemoServiceSpec } from "./types.ts";

// Per-service precomputation shared by every minute of generation: sampling tables, the traffic cycle's
// normaliser and the embedding geometry. Building these per event would dominate the generation time.

export interface ServiceContext {
  spec: DemoServiceSpec;
  models: WeightedTable<DemoModel>;
  variants: WeightedTable<string>;
  userSegments: WeightedTable<string>;
  customerUnits: WeightedTable<string> | null;
  regions: WeightedTable<string>;
  workflows: WeightedTable<string>;
  attributes: Array<[string, WeightedTable<string>]>;
  numericAttributes: Array<[string, { median: number; sigma: number }]>;
  evals: Array<[string, number]>;
  /** Unit vector; depends on the slug only, so runs with different seeds share it and show no drift. */
  centroid: number[];
  /** Unit vector orthogonal to the centroid: the direction an embedding drift moves in. */
  driftDirection: number[];
  /** Divides the raw cycle so that its mean over a week is 1. */
  cycleNormaliser: number;
  incidents: ResolvedIncident[];
  shiftedAttribute: Map<EmbeddingDriftIncident, WeightedTable<string>>;
}

const MINUTES_PER_WEEK = 7 * 24 * 60;

/** Raw daily/weekly shape: a midday bump on weekdays (UTC business hours), a floor at night. */
function rawCycle(spec: DemoServiceSpec, epochMinute: number): number {
  const { nightFactor, weekendFactor } = spec.traffic;
  const hour = (epochMinute % 1440) / 60;
  // 1970-01-01 was a Thursday: (day + 4) % 7 gives 0 = Sunday … 6 = Saturday.
  const weekday = (Math.floor(epochMinute / 1440) + 4) % 7;
  const bump = hour >= 6 && hour <= 20 ? Math.sin((Math.PI * (hour - 6)) / 14) : 0;
  const shape = nightFactor + (1 - nightFactor) * bump;
  return weekday === 0 || weekday === 6 ? shape * weekendFactor : shape;
}

/** Expected events in the minute starting at `epochMinute` (before rateScale). */
export function expectedRate(ctx: ServiceContext, epochMinute: number): number {
  return (ctx.spec.traffic.perMinute * rawCycle(ctx.spec, epochMinute)) / ctx.cycleNormaliser;
}

function unit(v: number[]): number[] {
  const norm = Math.hypot(...v) || 1;
  return v.map((x) => x / norm);
}

function randomVector(rng: Random, dim: number): number[] {
  return Array.from({ length: dim }, () => rng.normal());
}

function table<K extends string>(weights: Readonly<Record<K, number>>): WeightedTable<K> {
  return WeightedTable.fromRecord(weights);
}

function buildContext(spec: DemoServiceSpec): Omit<ServiceContext, "incidents" | "shiftedAttribute"> {
  const models = Object.entries(spec.models) as Array<[DemoModelName, number]>;
  const centroid = unit(randomVector(new Random("centroid", spec.slug), spec.embeddingDim));
  const raw = randomVector(new Random("drift", spec.slug), spec.embeddingDim);
  const dot = raw.reduce((sum, x, i) => sum + x * (centroid[i] as number), 0);
  const driftDirection = unit(raw.map((x, i) => x - dot * (centroid[i] as number)));
  let cycleSum = 0;
  // Any whole week gives the same mean; start on a Monday 00:00 UTC (1970-01-05) for readability.
  const monday = 4 * 1440;
  for (let m = 0; m < MINUTES_PER_WEEK; m++) cycleSum += rawCycle(spec, monday + m);
  return {
    spec,
    models: new WeightedTable(models.map(([name, w]) => [DEMO_MODELS[name], w] as const)),
    variants: table(spec.variants),
    userSegments: table(spec.segments.userSegments),
    customerUnits: spec.segments.customerUnits ? table(spec.segments.customerUnits) : null,
    regions: table(spec.segments.regions),
    workflows: table(spec.segments.workflows),
    attributes: Object.entries(spec.attributes).map(([name, weights]) => [name, table(weights)]),
    numericAttributes: Object.entries(spec.numericAttributes ?? {}),
    evals: Object.entries(spec.evals),
    centroid,
    driftDirection,
    cycleNormaliser: cycleSum / MINUTES_PER_WEEK,
  };
}

const cache = new WeakMap<DemoServiceSpec, Omit<ServiceContext, "incidents" | "shiftedAttribute">>();

export function serviceContext(spec: DemoServiceSpec, incidents: readonly ResolvedIncident[]): ServiceContext {
  let base = cache.get(spec);
  if (!base) {
    base = buildContext(spec);
    cache.set(spec, base);
  }
  const own = incidents.filter((i) => i.service === spec.slug);
  const shiftedAttribute = new Map<EmbeddingDriftIncident, WeightedTable<string>>();
  for (const inc of own) if (inc.kind === "embedding_drift") shiftedAttribute.set(inc, table(inc.shiftedWeights));
  return { ...base, incidents: own, shiftedAttribute };
}

/** Centroid of the service at drift amount `shift` (0 = baseline). */
export function centroidAt(ctx: ServiceContext, shift: number): number[] {
  if (shift === 0) return ctx.centroid;
  return unit(ctx.centroid.map((x, i) => x + shift * (ctx.driftDirection[i] as number)));
}
