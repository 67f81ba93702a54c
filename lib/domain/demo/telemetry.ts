import { expectedRate, serviceContext, type ServiceContext } from "./context.ts";
import { makeEvent } from "./event.ts";
import { MINUTE_MS, resolveIncidents, type ResolvedIncident } from "./incidents.ts";
import { DEMO_SERVICES } from "./portfolio.ts";
import { Random, type SeedPart } from "./random.ts";
import type { DemoEvent, DemoServiceSpec } from "./types.ts";

export type Instant = Date | number;

export interface DemoWindowOptions {
  /** Inclusive start of the window. */
  from: Instant;
  /** Exclusive end of the window. */
  to: Instant;
  seed: SeedPart;
  /** Multiplies every service's traffic (e.g. 10 for a load test, 0.1 for a quiet demo). Default 1. */
  rateScale?: number;
  /** Incidents on the absolute time line; default: DEMO_INCIDENTS anchored at `to`. Pass [] for none. */
  incidents?: readonly ResolvedIncident[];
  /** Emit prompt/response even for services with storePrompts = false (to test server-side stripping). */
  forceText?: boolean;
}

export interface GenerateDemoEventsOptions extends DemoWindowOptions {
  service: DemoServiceSpec;
}

export interface GeneratePortfolioOptions extends DemoWindowOptions {
  /** Default: DEMO_SERVICES. */
  services?: readonly DemoServiceSpec[];
}

/** "YYYY-MM-DDTHH:MM:" of a minute: toISOString per event was a fifth of the generation time. */
const minutePrefix = (epochMinute: number): string => new Date(epochMinute * MINUTE_MS).toISOString().slice(0, 17);

/**
 * The first draws of a minute: its event count and sorted millisecond offsets. One generator per
 * (seed, service, minute) makes any sub-window reproduce exactly the events of a larger one, so the seed and a
 * live simulation agree and event ids stay stable across runs.
 */
function minuteSlots(ctx: ServiceContext, epochMinute: number, opts: DemoWindowOptions): { rng: Random; offsets: number[] } {
  const rng = new Random(opts.seed, ctx.spec.slug, epochMinute);
  const count = rng.poisson(expectedRate(ctx, epochMinute) * (opts.rateScale ?? 1));
  const offsets = Array.from({ length: count }, () => Math.floor(rng.next() * MINUTE_MS)).sort((a, b) => a - b);
  return { rng, offsets };
}

/** All events of one service in one minute, in timestamp order, with their epoch-ms timestamps. */
function minuteEvents(
  ctx: ServiceContext,
  epochMinute: number,
  prefix: string,
  opts: DemoWindowOptions,
): Array<[number, DemoEvent]> {
  const { rng, offsets } = minuteSlots(ctx, epochMinute, opts);
  const withText = ctx.spec.storePrompts || opts.forceText === true;
  return offsets.map((offset, i) => {
    const ms = epochMinute * MINUTE_MS + offset;
    const seconds = String(Math.floor(offset / 1000)).padStart(2, "0");
    const timestamp = `${prefix}${seconds}.${String(offset % 1000).padStart(3, "0")}Z`;
    return [ms, makeEvent(ctx, rng, ms, timestamp, `${ctx.spec.slug}-${epochMinute}-${i}`, withText)];
  });
}

interface Window {
  fromMs: number;
  toMs: number;
  firstMinute: number;
  endMinute: number;
  incidents: readonly ResolvedIncident[];
}

function resolveWindow(opts: DemoWindowOptions): Window {
  const fromMs = typeof opts.from === "number" ? opts.from : opts.from.getTime();
  const toMs = typeof opts.to === "number" ? opts.to : opts.to.getTime();
  return {
    fromMs,
    toMs,
    firstMinute: Math.floor(fromMs / MINUTE_MS),
    endMinute: Math.ceil(toMs / MINUTE_MS),
    incidents: opts.incidents ?? resolveIncidents(toMs),
  };
}

/**
 * Events of one service over [from, to) in timestamp order. Event ids are `${slug}-${epochMinute}-${i}`
 * (the seed is not part of the id): the same seed always yields the same ids and contents, so re-seeding or
 * retrying deduplicates.
 */
export function* generateDemoEvents(opts: GenerateDemoEventsOptions): Generator<DemoEvent> {
  const w = resolveWindow(opts);
  const ctx = serviceContext(opts.service, w.incidents);
  for (let m = w.firstMinute; m < w.endMinute; m++) {
    for (const [ms, event] of minuteEvents(ctx, m, minutePrefix(m), opts)) {
      if (ms >= w.fromMs && ms < w.toMs) yield event;
    }
  }
}

/**
 * Events of the whole portfolio over [from, to) in global timestamp order, minute by minute: a bulk writer
 * can batch it (see inBatches) and an aggregator behind a watermark sees time move forward only.
 */
export function* generatePortfolioEvents(opts: GeneratePortfolioOptions): Generator<DemoEvent> {
  const w = resolveWindow(opts);
  const contexts = (opts.services ?? DEMO_SERVICES).map((s) => serviceContext(s, w.incidents));
  for (let m = w.firstMinute; m < w.endMinute; m++) {
    const prefix = minutePrefix(m);
    const minute = contexts.flatMap((ctx) => minuteEvents(ctx, m, prefix, opts));
    minute.sort((a, b) => a[0] - b[0]); // stable: ties keep service order
    for (const [ms, event] of minute) if (ms >= w.fromMs && ms < w.toMs) yield event;
  }
}

/**
 * Exactly how many events generatePortfolioEvents would yield, without building them (≈ 10× faster):
 * lets the seed show progress and tests check volumes cheaply.
 */
export function countPortfolioEvents(opts: GeneratePortfolioOptions): number {
  const w = resolveWindow(opts);
  let total = 0;
  for (const spec of opts.services ?? DEMO_SERVICES) {
    const ctx = serviceContext(spec, w.incidents);
    for (let m = w.firstMinute; m < w.endMinute; m++) {
      const base = m * MINUTE_MS;
      for (const offset of minuteSlots(ctx, m, opts).offsets) {
        if (base + offset >= w.fromMs && base + offset < w.toMs) total++;
      }
    }
  }
  return total;
}

/** Groups any event stream into arrays of at most `size` (the ingest limit is 1,000 per request). */
export function* inBatches<T>(items: Iterable<T>, size = 1000): Generator<T[]> {
  if (!(size >= 1)) throw new Error("batch size must be at least 1");
  let batch: T[] = [];
  for (const item of items) {
    batch.push(item);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
