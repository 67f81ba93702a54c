// Scoring speed (issue 4): `npm run bench:score` on a fresh SQLite file; with DATABASE_URL=postgresql://… it
// creates, measures and drops a scratch PostgreSQL database instead.
//
// It writes 30 days of rollups for a service with 10,000,000 events ("big"), one with 100,000 ("small") and 48
// more at the same rate (the portfolio of 50: their last two days, all traffic only), in the tiers ingest keeps: minute rows for the last 7 days,
// hour rows for all 30 (the hour tier is written through). Rows carry all traffic plus three providers, so the
// table holds segment rows too. The big service's last 24 hours of raw events are stored as well, for the naive
// exact computation. Then, in the same run, through the same use cases as the read APIs:
//   - the health of a 30-day, a 24-hour and a 1-hour window of "big", and the 30-day window of "small" (warm:
//     hour rows held decoded from the previous read, as a server reading the same service again has them; the
//     30-day window is also measured cold);
//   - the portfolio of 50 services;
//   - a naive exact health of the 24-hour window: every raw event read, exact quantiles by sorting.
// Targets (issue 4): 30-day health ≤ 100 ms p95; growth from 100k to 10M events ≤ 1.5×; ≥ 100× faster than
// the naive exact computation; portfolio ≤ 500 ms. Figures are printed, never asserted.
//
// Options (env): BENCH_EVENTS (default 10000000), BENCH_RUNS (default 30).
import { freshDatabase } from "./lib/fresh-database.ts";
import { closeDb, switchDatabase, type Db } from "@/lib/db/client.ts";
import { insertEvents } from "@/lib/db/events.ts";
import { migrateDatabase } from "@/lib/db/migrate.ts";
import { forgetDecodedRows } from "@/lib/db/rollup-window.ts";
import { writeRollups } from "@/lib/db/rollups.ts";
import { createInitialActiveVersion } from "@/lib/db/score-configs.ts";
import { Random } from "@/lib/domain/demo/random.ts";
import type { TelemetryEvent } from "@/lib/domain/event.ts";
import {
  addEvent, ALL_TRAFFIC, compactEntries, compactionCutoff, DAY_MS, emptyAggregate, floorToTier, HOUR_MS, MINUTE_MS, type RollupEntry,
} from "@/lib/domain/rollup/index.ts";
import { computeScore, configMetrics, templateFor, type MetricValue, type ScoreConfig } from "@/lib/domain/score/index.ts";
import { getPortfolioHealth } from "@/lib/services/health/get-portfolio-health.ts";
import { getServiceHealth } from "@/lib/services/health/get-service-health.ts";
import { percentile, timed as timedWith } from "./lib/timed.ts";

const BIG = Number(process.env.BENCH_EVENTS ?? 10_000_000);
const SMALL = 100_000;
const PORTFOLIO = 50;
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const DAYS = 30;
const PROVIDERS = ["openai", "anthropic", "google"];
const provider = process.env.DATABASE_URL?.startsWith("postgres") ? "postgres" : "sqlite";
const system = { kind: "system", label: "bench" } as const;
const now = new Date();
const end = floorToTier("minute", now.getTime());
const start = end - DAYS * DAY_MS;


/** A support-chatbot-like event: lognormal latency, 2 % errors, judge scores, some ratings and outcomes. */
function synthesize(r: Random, id: string, ms: number): TelemetryEvent {
  const ok = !r.bernoulli(0.02);
  const feedback: Record<string, number> = r.bernoulli(0.1) ? { thumbs_up: r.bernoulli(0.85) ? 1 : 0 } : {};
  const outcomes: Record<string, boolean> = r.bernoulli(0.3) ? { ticket_resolved: r.bernoulli(0.7) } : {};
  const inputTokens = r.int(200, 1200);
  const outputTokens = r.int(50, 600);
  return {
    eventId: id, timestamp: new Date(ms), provider: PROVIDERS[r.int(0, 2)], model: "m", status: ok ? "ok" : "error",
    latencyMs: r.lognormal(2500, 0.45), ttftMs: r.lognormal(400, 0.4), inputTokens, outputTokens,
    costUsd: inputTokens * 2.5e-6 + outputTokens * 1e-5,
    segments: {}, evals: { relevance: r.uniform(0.75, 1), hallucination: r.bernoulli(0.03) }, feedback, outcomes,
    retrieval: {}, attributes: {},
  };
}

/** Events per minute over the 30 days, with a day/night swing, summing to `total`. */
function perMinute(total: number): Float64Array {
  const minutes = (end - start) / MINUTE_MS;
  const weights = new Float64Array(minutes);
  let sum = 0;
  for (let i = 0; i < minutes; i++) {
    const hour = new Date(start + i * MINUTE_MS).getUTCHours();
    weights[i] = 1 + 0.6 * Math.sin(((hour - 8) / 24) * 2 * Math.PI);
    sum += weights[i]!;
  }
  for (let i = 0; i < minutes; i++) weights[i] = (weights[i]! / sum) * total;
  return weights;
}

/**
 * Writes a service's rollups as ingest would have left them and returns its raw events of the last 24 hours
 * (when `keepRawDay`). Minute rows are folded per minute and written for the last 7 days; hour rows are the
 * merge of each hour's minutes, for all 30 days.
 */
async function seedService(db: Db, serviceId: string, total: number, seed: string, options: { keepRawDay: boolean; days: number; providers: boolean }): Promise<TelemetryEvent[]> {
  const { keepRawDay } = options;
  const r = new Random("bench-score", seed);
  const rates = perMinute(total);
  const first = rates.length - (options.days * DAY_MS) / MINUTE_MS;
  const minuteCutoff = compactionCutoff("minute", now.getTime());
  const raw: TelemetryEvent[] = [];
  let carry = 0;
  let hourMinutes: RollupEntry[] = [];
  let minuteRows: RollupEntry[] = [];
  let hourRows: RollupEntry[] = [];
  let n = 0;
  const flush = async (force: boolean) => {
    if (!force && minuteRows.length + hourRows.length < 2_000) return;
    const [minutes, hours] = [minuteRows, hourRows];
    minuteRows = [];
    hourRows = [];
    await db.$transaction(async (tx) => {
      if (minutes.length > 0) await writeRollups(tx, serviceId, "minute", minutes, { overwriteRejected: true });
      if (hours.length > 0) await writeRollups(tx, serviceId, "hour", hours, { overwriteRejected: true });
    }, { timeout: 120_000 });
  };
  for (let i = first; i < rates.length; i++) {
    const minute = start + i * MINUTE_MS;
    carry += rates[i]!;
    const count = Math.floor(carry);
    carry -= count;
    const rows = new Map<string, RollupEntry>();
    const row = (dimension: string, value: string) => {
      const id = `${dimension}\u0000${value}`;
      let entry = rows.get(id);
      if (!entry) rows.set(id, (entry = { key: { bucketStart: minute, dimension, value }, agg: emptyAggregate() }));
      return entry.agg;
    };
    for (let k = 0; k < count; k++) {
      const e = synthesize(r, `${seed}-${n++}`, minute + Math.floor((k * MINUTE_MS) / count));
      addEvent(row(ALL_TRAFFIC, ALL_TRAFFIC), e);
      if (options.providers) addEvent(row("provider", e.provider!), e);
      if (keepRawDay && minute >= end - DAY_MS) raw.push(e);
    }
    if (minute >= minuteCutoff) minuteRows.push(...rows.values());
    hourMinutes.push(...rows.values());
    if ((minute + MINUTE_MS) % HOUR_MS === 0 || i === rates.length - 1) {
      hourRows.push(...compactEntries(hourMinutes, "hour").values());
      hourMinutes = [];
      await flush(false);
    }
  }
  await flush(true);
  return raw;
}

/** The naive way: every raw event of the window read back and every metric computed exactly. */
async function naiveHealth(db: Db, serviceId: string, config: ScoreConfig, from: number, to: number) {
  const rows = await db.event.findMany({
    where: { serviceId, timestamp: { gte: new Date(from), lt: new Date(to) } },
    select: { latencyMs: true, status: true, evals: true, feedback: true, outcomes: true },
  });
  const latencies = rows.flatMap((e) => (e.latencyMs === null ? [] : [e.latencyMs])).sort((a, b) => a - b);
  const mean = (values: number[]): MetricValue => ({ value: values.length ? values.reduce((s, x) => s + x, 0) / values.length : null, samples: values.length });
  const field = (column: "evals" | "feedback" | "outcomes", name: string) =>
    mean(rows.flatMap((e) => {
      const v = (JSON.parse(e[column]) as Record<string, number | boolean>)[name];
      return v === undefined ? [] : [Number(v)];
    }));
  const metrics: Record<string, MetricValue> = {
    "latency.p95": { value: latencies.length ? percentile(latencies, 0.95) : null, samples: latencies.length },
    "error.rate": { value: rows.length ? rows.filter((e) => e.status === "error").length / rows.length : null, samples: rows.length },
    "eval.relevance.mean": field("evals", "relevance"),
    "eval.hallucination.mean": field("evals", "hallucination"),
    "feedback.thumbs_up.mean": field("feedback", "thumbs_up"),
    "outcome.ticket_resolved.rate": field("outcomes", "ticket_resolved"),
  };
  const missing = configMetrics(config).filter((m) => !(m in metrics));
  if (missing.length > 0) throw new Error(`The naive computation lacks ${missing.join(", ")}`);
  return { events: rows.length, result: computeScore(config, metrics) };
}

const fmt = (ms: number) => `${ms.toFixed(ms < 10 ? 2 : 1)} ms`;
const verdict = (ok: boolean) => (ok ? "PASS" : "MISS");

async function main(): Promise<void> {
  const database = await freshDatabase(provider, "vitals_bench_score");
  const cleanup = async () => {
    await closeDb().catch(() => {});
    await database.drop().catch(() => {});
  };
  process.once("SIGINT", () => void cleanup().then(() => process.exit(130)));
  try {
    console.log(`bench:score on ${provider}: ${BIG.toLocaleString("en")} events over ${DAYS} days, ${RUNS} runs per figure`);
    await migrateDatabase(database.url);
    const db = await switchDatabase(database.url);
    const services: { id: string; slug: string; events: number }[] = [];
    for (let i = 0; i < PORTFOLIO; i++) {
      const slug = i === 0 ? "big" : i === 1 ? "small" : `svc-${String(i).padStart(2, "0")}`;
      const row = await db.service.create({ data: { slug, name: slug, businessUnit: `bu-${i % 6}`, riskTier: "medium" } });
      await db.$transaction((tx) => createInitialActiveVersion(tx, { serviceId: row.id, config: templateFor("support-chatbot", slug), rationale: "bench", authorId: null, at: now }));
      services.push({ id: row.id, slug, events: i === 0 ? BIG : SMALL });
    }
    const seeded = performance.now();
    let raw: TelemetryEvent[] = [];
    for (const s of services) {
      // The other 48 services only matter for the portfolio's 1-hour windows: two days of all-traffic rows.
      const full = s.slug === "big" || s.slug === "small";
      const events = await seedService(db, s.id, s.events, s.slug, { keepRawDay: s.slug === "big", days: full ? DAYS : 2, providers: full });
      if (s.slug === "big") raw = events;
    }
    for (let i = 0; i < raw.length; i += 5_000) {
      await insertEvents(db, services[0]!.id, raw.slice(i, i + 5_000), { storePrompts: false, receivedAt: now });
    }
    const rollupRows = await db.rollup.count();
    console.log(`seeded ${rollupRows.toLocaleString("en")} rollup rows and ${raw.length.toLocaleString("en")} raw events in ${((performance.now() - seeded) / 1000).toFixed(1)} s\n`);

    const health = (slug: string, window: number) => () => getServiceHealth(system, slug, { window }, now);
    const big30 = await timed(RUNS, health("big", 30 * DAY_MS));
    // Hour rows stay decoded between reads (lib/db/rollup-window.ts): the same window with nothing held.
    const big30cold = await timed(Math.max(5, Math.floor(RUNS / 3)), () => {
      forgetDecodedRows();
      return getServiceHealth(system, "big", { window: 30 * DAY_MS }, now);
    });
    const big24 = await timed(RUNS, health("big", DAY_MS));
    const big1 = await timed(RUNS, health("big", HOUR_MS));
    const small30 = await timed(RUNS, health("small", 30 * DAY_MS));
    const portfolio = await timed(Math.max(5, Math.floor(RUNS / 3)), () => getPortfolioHealth(system, {}, now));
    const config = templateFor("support-chatbot", "big");
    const naive = await timed(3, () => naiveHealth(db, services[0]!.id, config, end - DAY_MS + MINUTE_MS, end + MINUTE_MS));

    // The two 24-hour answers side by side: the rollup path's approximations (sketch quantiles) are small.
    const viaRollups = await getServiceHealth(system, "big", { window: DAY_MS }, now);
    const exact = await naiveHealth(db, services[0]!.id, config, end - DAY_MS + MINUTE_MS, end + MINUTE_MS);

    const growth = big30.p95 / small30.p95;
    const speedup = naive.mean / big24.p50;
    const rows: [string, string, string, string][] = [
      ["health, 30-day window, 10M events", `p50 ${fmt(big30.p50)} · p95 ${fmt(big30.p95)}`, "p95 ≤ 100 ms", verdict(big30.p95 <= 100)],
      ["health, 30-day window, 10M events, cold", `p50 ${fmt(big30cold.p50)} · p95 ${fmt(big30cold.p95)}`, "", ""],
      ["health, 24-hour window, 10M events", `p50 ${fmt(big24.p50)} · p95 ${fmt(big24.p95)}`, "", ""],
      ["health, 1-hour window, 10M events", `p50 ${fmt(big1.p50)} · p95 ${fmt(big1.p95)}`, "", ""],
      ["health, 30-day window, 100k events", `p50 ${fmt(small30.p50)} · p95 ${fmt(small30.p95)}`, "", ""],
      ["growth 100k → 10M events (30-day p95)", `${growth.toFixed(2)}×`, "≤ 1.5×", verdict(growth <= 1.5)],
      ["naive exact 24-hour health (raw events)", `mean ${fmt(naive.mean)} over ${exact.events.toLocaleString("en")} events`, "", ""],
      ["rollups vs naive, 24-hour window", `${speedup.toFixed(0)}× faster`, "≥ 100×", verdict(speedup >= 100)],
      [`portfolio of ${PORTFOLIO} services`, `p50 ${fmt(portfolio.p50)} · p95 ${fmt(portfolio.p95)}`, "≤ 500 ms", verdict(portfolio.p95 <= 500)],
    ];
    const widths = [0, 1, 2].map((c) => Math.max(...rows.map((r) => r[c]!.length)));
    for (const r of rows) console.log(`${r[0].padEnd(widths[0]!)}  ${r[1].padEnd(widths[1]!)}  ${r[2].padEnd(widths[2]!)}  ${r[3]}`);
    console.log(`\n24-hour score via rollups ${viaRollups.score?.toFixed(3)} (${viaRollups.events} events) · exact ${exact.result.score?.toFixed(3)}`);
  } finally {
    await cleanup();
  }
}

await main();

/** Three untimed warm-up calls (fewer for very short runs), then the timed ones. */
function timed(runs: number, work: () => Promise<unknown>) {
  return timedWith(runs, work, Math.min(3, runs));
}
