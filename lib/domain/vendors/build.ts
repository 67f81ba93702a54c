import type { Period } from "../reports/types.ts";
import { emptyAggregate, mergeAggregateInto, type RollupAggregate } from "../rollup/index.ts";
import type { ScoringRules } from "../score/config.ts";
import { scoreWindow } from "../score/score.ts";
import { DAY_MS } from "../rollup/tiers.ts";
import { compliance, figuresOf, toBuckets, type Bucket, type Compliance, type SlaTarget, type VendorFigures, type VendorRow } from "./figures.ts";
import { MIN_COMPLIANCE, rankFailover, type RankedCandidate } from "./ranking.ts";

// The vendor view from each service's provider and model rows over a period (pure; the service reads the rows).
// - A provider's (or model's) score on one service: the service's scoring config over the provider's merged rows
//   for the whole period, as the segment scores do (no drift baseline: drift components have no data).
// - Across services: the traffic-weighted mean of those scores (weights: the provider's events on each service
//   with a score), since every service scores by its own config.
// - Request share: the provider's events over all events carrying a provider (models: carrying a model).
// - Compliance: the provider's rows of every service merged per bucket (figures.ts), against its target; a
//   model is held to its provider's target. Per workload (one service) only that service's rows count.

export interface ServiceRows {
  slug: string;
  name: string;
  rules: ScoringRules;
  /** Rows by provider (or model) value. */
  byValue: Map<string, VendorRow[]>;
}

export interface VendorLine extends VendorFigures {
  score: number | null;
  /** Of all events carrying this dimension, in [0, 1]. */
  share: number;
  target: SlaTarget | null;
  /** null without a target. */
  compliance: Compliance | null;
  /** Services whose traffic reached this provider or model. */
  services: number;
}

export interface ProviderLine extends VendorLine {
  provider: string;
}

export interface ModelLine extends VendorLine {
  model: string;
  /** From raw events of the period; null when none is left (raw events are kept 30 days). */
  provider: string | null;
}

export interface FailoverCandidate extends VendorFigures {
  provider: string;
  score: number | null;
  costPer1kTokens: number | null;
  compliance: number | null;
  hasTarget: boolean;
  target: SlaTarget | null;
  /** Of the workload's events carrying a provider. */
  share: number;
}

export interface Workload {
  service: string;
  name: string;
  candidates: RankedCandidate<FailoverCandidate>[];
}

export interface VendorReport {
  generatedAt: string;
  period: Period;
  /** The minimum compliance for "meets the SLA" in the failover ranking. */
  minCompliance: number;
  providers: ProviderLine[];
  models: ModelLine[];
  workloads: Workload[];
}

export interface VendorInput {
  generatedAt: number;
  period: Period;
  windowMs: number;
  providers: readonly ServiceRows[];
  models: readonly ServiceRows[];
  targets: ReadonlyMap<string, SlaTarget>;
  modelProviders: ReadonlyMap<string, string>;
}

interface Served {
  buckets: Bucket[];
  merged: RollupAggregate;
  score: number | null;
}

/** One value of one service: its buckets, its period merged, its score by the service's config. */
function serve(rules: ScoringRules, rows: readonly VendorRow[], windowMs: number): Served {
  const buckets = toBuckets(rows);
  const merged = emptyAggregate();
  for (const b of buckets) mergeAggregateInto(merged, b.agg);
  return { buckets, merged, score: scoreWindow(rules, { window: merged, windowMs, baseline: null }).score };
}

interface Across {
  served: Map<string, Map<string, Served>>; // value → service slug → served
  lines: Map<string, { figures: VendorFigures; score: number | null; buckets: Bucket[]; services: number }>;
  total: number;
}

function across(services: readonly ServiceRows[], windowMs: number): Across {
  const served = new Map<string, Map<string, Served>>();
  for (const s of services) {
    for (const [value, rows] of s.byValue) {
      let bySvc = served.get(value);
      if (!bySvc) served.set(value, (bySvc = new Map()));
      bySvc.set(s.slug, serve(s.rules, rows, windowMs));
    }
  }
  const lines: Across["lines"] = new Map();
  let total = 0;
  for (const [value, bySvc] of served) {
    const all = [...bySvc.values()];
    const merged = emptyAggregate();
    for (const x of all) mergeAggregateInto(merged, x.merged);
    // Buckets across services: each service's buckets merged again by start (day buckets stay days).
    const buckets = toBuckets(all.flatMap((x) => x.buckets.map((b) => ({ tier: b.lengthMs === DAY_MS ? "day" as const : "hour" as const, bucketStart: b.start, agg: b.agg }))));
    let weighted = 0;
    let weight = 0;
    for (const x of all) {
      if (x.score === null || x.merged.count === 0) continue;
      weighted += x.score * x.merged.count;
      weight += x.merged.count;
    }
    lines.set(value, { figures: figuresOf(merged), score: weight > 0 ? weighted / weight : null, buckets, services: all.filter((x) => x.merged.count > 0).length });
    total += merged.count;
  }
  return { served, lines, total };
}

function line(a: Across, value: string, target: SlaTarget | null): VendorLine {
  const l = a.lines.get(value)!;
  return {
    ...l.figures, score: l.score, share: a.total > 0 ? l.figures.requests / a.total : 0, target,
    compliance: target ? compliance(l.buckets, target) : null, services: l.services,
  };
}

const byRequests = <T extends { requests: number }>(key: (x: T) => string) => (a: T, b: T) =>
  b.requests - a.requests || (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);

export function buildVendorReport(input: VendorInput): VendorReport {
  const providers = across(input.providers, input.windowMs);
  const models = across(input.models, input.windowMs);
  const targetOf = (provider: string | null | undefined) => (provider ? input.targets.get(provider) ?? null : null);

  const workloads: Workload[] = input.providers.map((s) => {
    const rows = [...providers.served.entries()].flatMap(([provider, bySvc]) => {
      const x = bySvc.get(s.slug);
      return x && x.merged.count > 0 ? [{ provider, x }] : [];
    });
    const total = rows.reduce((n, r) => n + r.x.merged.count, 0);
    const candidates = rows.map(({ provider, x }): FailoverCandidate => {
      const target = targetOf(provider);
      const figures = figuresOf(x.merged);
      return {
        ...figures, provider, score: x.score, share: total > 0 ? x.merged.count / total : 0, target, hasTarget: target !== null,
        compliance: target ? compliance(x.buckets, target).share : null,
      };
    });
    return { service: s.slug, name: s.name, candidates: rankFailover(candidates) };
  }).filter((w) => w.candidates.length > 0);

  return {
    generatedAt: new Date(input.generatedAt).toISOString(),
    period: input.period,
    minCompliance: MIN_COMPLIANCE,
    providers: [...providers.lines.keys()].map((provider): ProviderLine => ({ provider, ...line(providers, provider, targetOf(provider)) }))
      .sort(byRequests((x) => x.provider)),
    models: [...models.lines.keys()].map((model): ModelLine => {
      const provider = input.modelProviders.get(model) ?? null;
      return { model, provider, ...line(models, model, targetOf(provider)) };
    }).sort(byRequests((x) => x.model)),
    workloads,
  };
}
