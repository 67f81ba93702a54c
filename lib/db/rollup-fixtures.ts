import type { TelemetryEvent } from "@/lib/domain/event.ts";
import type { RollupTier } from "@/lib/domain/rollup/index.ts";
import { comparable, makeEvent, seededRandom } from "@/lib/domain/rollup/testing.ts";
import type { TestDatabase } from "@/lib/testing/test-db.ts";
import { foldQueuedEvents, insertEvents, writeIngestBatch } from "./events.ts";
import { foldIntoRollups, readRollups, rowToStored } from "./rollups.ts";

// Shared by the rollup integration suites: services, the two ways of ingesting (the hot path and the same steps
// through Prisma), and comparable snapshots of a service's rows.

export const NOW = new Date("2026-11-26T12:00:00Z");
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export function rollupFixtures(t: () => TestDatabase) {
  let serial = 0;
  return {
    async makeService(storePrompts = true): Promise<string> {
      const slug = `svc-${++serial}`;
      const row = await t().db.service.create({ data: { slug, name: slug, businessUnit: "Ops", riskTier: "low", storePrompts } });
      return row.id;
    },

    /**
     * Stores a batch as the ingest use case does (the direct-driver hot path) and folds the queue as the aggregator
     * does; returns how many were new.
     */
    async ingest(serviceId: string, events: readonly TelemetryEvent[], storePrompts = true, now = NOW): Promise<number> {
      const [fresh] = await writeIngestBatch({ services: [{ serviceId, storePrompts, events }], rejected: new Map(), now });
      await drainQueue(now);
      return fresh!.length;
    },

    /** The same steps inside a Prisma transaction. */
    async ingestViaPrisma(serviceId: string, events: readonly TelemetryEvent[], storePrompts = true): Promise<number> {
      return t().db.$transaction(async (tx) => {
        const fresh = await insertEvents(tx, serviceId, events, { storePrompts, receivedAt: NOW });
        await foldIntoRollups(tx, serviceId, fresh, NOW);
        return fresh.length;
      });
    },

    /** Every row of a service as comparable data, by tier, bucket and segment. */
    async snapshot(serviceId: string, options: { embeddings?: boolean } = {}): Promise<Record<string, unknown>> {
      const rows = await t().db.rollup.findMany({ where: { serviceId } });
      return Object.fromEntries(
        rows.map(rowToStored).map(({ tier, key, agg }) => [
          `${tier} ${new Date(key.bucketStart).toISOString()} ${key.dimension}=${key.value}`,
          comparable(options.embeddings === false ? { ...agg, embedding: { sum: [], count: 0 } } : agg),
        ]),
      );
    },
  };
}

/**
 * Folds every queued event, as the aggregator (lib/services/rollups/fold-pending.ts drainPending) does, in
 * transactions of `limit`. Concurrent drains on PostgreSQL skip each other's claimed rows, and a service locked
 * elsewhere stays queued for the next round.
 */
export async function drainQueue(now: Date, limit = 2_000): Promise<number> {
  let folded = 0;
  for (;;) {
    const result = await foldQueuedEvents(now, limit);
    folded += result.folded;
    if (result.claimed === 0) return folded;
    if (result.folded === 0) await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Count and latency sum over a service's all-traffic rows of one tier. */
export async function totals(serviceId: string, tier: RollupTier): Promise<{ count: number; latency: number }> {
  const rows = await readRollups(serviceId, tier, new Date(0), new Date(NOW.getTime() + DAY), "*");
  return rows.reduce((s, r) => ({ count: s.count + r.agg.count, latency: s.latency + r.agg.latencySum }), { count: 0, latency: 0 });
}

export /** Events spread over `hours` before `end`, with values exact in binary so sums do not depend on order. */
function events(prefix: string, n: number, end: number, hours: number, seed: number): TelemetryEvent[] {
  const random = seededRandom(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  return Array.from({ length: n }, (_, i) =>
    makeEvent({
      eventId: `${prefix}-${i}`,
      timestamp: new Date(end - Math.floor(random() * hours * HOUR)),
      status: random() < 0.1 ? "error" : "ok",
      latencyMs: Math.round(random() * 8000) / 4,
      ttftMs: random() < 0.5 ? Math.round(random() * 400) : undefined,
      costUsd: Math.round(random() * 32) / 1024,
      inputTokens: Math.floor(random() * 900),
      outputTokens: Math.floor(random() * 300),
      model: pick(["gpt-4o", "claude", undefined]),
      provider: pick(["openai", "anthropic"]),
      variant: pick(["v1", "v2", undefined]),
      segments: { region: pick(["eu", "us"]), user: `u${Math.floor(random() * 5)}` },
      evals: random() < 0.8 ? { relevance: Math.round(random() * 4) / 4, hallucination: random() < 0.2 } : {},
      feedback: random() < 0.3 ? { thumbs_up: random() < 0.7 ? 1 : 0 } : {},
      outcomes: { resolved: random() < 0.6 },
      retrieval: { precision: Math.round(random() * 8) / 8 },
      attributes: { language: pick(["de", "en", "fr"]), temperature: Math.round(random() * 8) / 8 },
      embedding: [Math.floor(random() * 4), 1, 0],
      response: "r".repeat(Math.floor(random() * 600)),
    }),
  );
}
