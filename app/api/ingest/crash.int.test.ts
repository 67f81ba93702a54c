import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowToStored } from "@/lib/db/rollups.ts";
import { sketchQuantile, type RollupAggregate } from "@/lib/domain/rollup/index.ts";
import { VitalsClient, type VitalsError, type VitalsEvent } from "@/lib/sdk/index.ts";
import { createApiKeyAsSystem } from "@/lib/services/api-keys/create-api-key.ts";
import { rebuildRollups } from "@/lib/services/rollups/rebuild-rollups.ts";
import { IngestChild } from "@/lib/testing/ingest-child-process.ts";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-db.ts";

// The ingest server dies mid-load, twice: once by its own hand right after committing a batch and before
// answering it (the worst moment for a client), once by an outside SIGKILL while requests are in flight. The
// SDK client retries (same event_ids) until a restarted server on the same port answers. Afterwards every
// event is stored exactly once, and the rollups the server folded live equal what a rebuild from the raw events
// produces — nothing folded twice, nothing lost with the process.

const CLIENTS = 4;
const EVENTS_PER_CLIENT = 500;
const BATCH = 20;
/** The first server commits its 20th request, then dies before answering it. */
const SELF_KILL_AT_REQUEST = 20;
/** The second server is killed from outside once it has acknowledged this many batches. */
const KILL_AFTER_ACKS = 25;
const SPREAD_MS = 150 * 60_000; // timestamps over the last 2.5 hours: minute rows of three hours or so

let t: TestDatabase;
let key = "";
let serviceId = "";
let child: IngestChild;
/** Set when the test ends: the clients stop retrying at once instead of keeping the worker busy for a minute. */
let stopped = false;

beforeAll(async () => {
  t = await createTestDatabase();
  serviceId = (await t.db.service.create({ data: { slug: "chat", name: "Chat", businessUnit: "bu", riskTier: "low" } })).id;
  key = (await createApiKeyAsSystem({ name: "k", serviceId, scopes: ["ingest"], actorLabel: "test" })).key;
  child = new IngestChild({ DATABASE_URL: t.url });
});
afterAll(async () => {
  stopped = true;
  await child?.kill();
  await t?.drop();
});

/** mulberry32: the load is the same on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function makeEvents(client: number, now: number): VitalsEvent[] {
  const rand = random(1_000 + client);
  return Array.from({ length: EVENTS_PER_CLIENT }, (_, i) => ({
    event_id: `c${client}-e${i}`,
    service: "chat",
    timestamp: new Date(now - Math.floor(rand() * SPREAD_MS)).toISOString(),
    model: rand() < 0.5 ? "gpt-4o" : "claude",
    provider: "p",
    latency_ms: Math.round(Math.exp(5 + 1.5 * rand()) * 100) / 100,
    ttft_ms: Math.round(rand() * 300),
    status: rand() < 0.1 ? "error" : "ok",
    input_tokens: Math.floor(rand() * 2_000),
    output_tokens: Math.floor(rand() * 500),
    cost_usd: rand() / 100,
    segments: { region: ["eu", "us", "apac"][Math.floor(rand() * 3)]! },
  }));
}

/** How many of `ids` are stored (each at most once: (serviceId, eventId) is the primary key). */
async function storedAmong(ids: string[]): Promise<number> {
  return t.db.event.count({ where: { serviceId, eventId: { in: ids } } });
}

/** The event_ids in a request body as the SDK sends it (JSON, gzipped or not). */
function idsInBody(body: unknown): string[] {
  const text = typeof body === "string" ? body : gunzipSync(body as Uint8Array).toString("utf8");
  return (JSON.parse(text) as { events: { event_id: string }[] }).events.map((e) => e.event_id);
}

interface Comparable {
  count: number; errors: number; latencyCount: number; latencySum: number; latencyMin: number | null; latencyMax: number | null;
  p50: number | null; p90: number | null; p99: number | null; ttftCount: number; ttftP95: number | null; costCount: number; costSum: number;
  inputTokens: number; outputTokens: number; missing: Record<string, number>;
}

function comparable(agg: RollupAggregate): Comparable {
  const q = (p: number) => (agg.latencySketch ? sketchQuantile(agg.latencySketch, p) : null);
  return {
    count: agg.count, errors: agg.errors, latencyCount: agg.latencyCount, latencySum: agg.latencySum,
    latencyMin: agg.latencyMin, latencyMax: agg.latencyMax, p50: q(0.5), p90: q(0.9), p99: q(0.99), ttftCount: agg.ttftCount,
    ttftP95: agg.ttftSketch ? sketchQuantile(agg.ttftSketch, 0.95) : null, costCount: agg.costCount, costSum: agg.costSum,
    inputTokens: agg.inputTokens, outputTokens: agg.outputTokens, missing: agg.missing,
  };
}

/** Every rollup row of the service, by "tier bucket dimension=value". */
async function snapshotRollups(): Promise<Map<string, Comparable>> {
  const rows = await t.db.rollup.findMany({ where: { serviceId } });
  return new Map(
    rows.map(rowToStored).map((r) => [`${r.tier} ${new Date(r.key.bucketStart).toISOString()} ${r.key.dimension}=${r.key.value}`, comparable(r.agg)]),
  );
}

/** Sums are floating point and their order differs between a live fold and a rebuild: compare them to 1e-9. */
function expectSameRows(live: Map<string, Comparable>, rebuilt: Map<string, Comparable>): void {
  expect([...live.keys()].sort()).toEqual([...rebuilt.keys()].sort());
  for (const [id, want] of rebuilt) {
    const got = live.get(id)!;
    expect({ ...got, latencySum: 0, costSum: 0 }, id).toEqual({ ...want, latencySum: 0, costSum: 0 });
    expect(Math.abs(got.latencySum - want.latencySum), `${id} latencySum`).toBeLessThanOrEqual(1e-9 * Math.max(1, want.latencySum));
    expect(Math.abs(got.costSum - want.costSum), `${id} costSum`).toBeLessThanOrEqual(1e-9 * Math.max(1, want.costSum));
  }
}

/** Count, errors, latency count and latency sum (rounded) of the all-traffic row of each bucket, from the events sent. */
function expectedAllTraffic(events: VitalsEvent[], tierMs: number): string[] {
  const out = new Map<string, [number, number, number, number]>();
  for (const e of events) {
    const bucket = new Date(Math.floor(Date.parse(e.timestamp!) / tierMs) * tierMs).toISOString();
    const slot = out.get(bucket) ?? [0, 0, 0, 0];
    slot[0]++;
    if (e.status === "error") slot[1]++;
    slot[2]++;
    slot[3] += e.latency_ms!;
    out.set(bucket, slot);
  }
  return [...out].map(([bucket, [count, errors, n, sum]]) => `${bucket} ${count} ${errors} ${n} ${sum.toFixed(3)}`).sort();
}

describe(`ingest survives SIGKILL mid-load (${process.env.VITALS_TEST_DB})`, () => {
  it("stores every event exactly once, and the live rollups equal a rebuild from raw events", async () => {
    await child.start({ VITALS_CHILD_DIE_BEFORE_ANSWER: String(SELF_KILL_AT_REQUEST) });
    const endpoint = `http://127.0.0.1:${child.port}/api/ingest`;
    const now = Date.now();
    const sent = Array.from({ length: CLIENTS }, (_, c) => makeEvents(c, now));
    const all = sent.flat();

    // What the clients were told: the ids of each batch answered with a 2xx, and every status seen.
    const acked = new Set<string>();
    const statuses: number[] = [];
    let acks = 0;
    let onAck = () => {};
    const recordingFetch: typeof fetch = async (input, init) => {
      if (stopped) throw new Error("the test is over");
      const res = await fetch(input, init);
      statuses.push(res.status);
      if (res.ok) {
        for (const id of idsInBody(init?.body)) acked.add(id);
        acks++;
        onAck();
      }
      return res;
    };
    const sleep = (ms: number) => (stopped ? Promise.resolve() : new Promise<void>((resolve) => setTimeout(resolve, ms)));
    const errors: VitalsError[] = [];
    const clients = sent.map(
      (_, c) =>
        new VitalsClient({
          endpoint, apiKey: key, batchSize: BATCH, flushIntervalMs: 0, gzip: c % 2 === 0, fetch: recordingFetch, sleep,
          maxRetries: 400, retryBaseDelayMs: 20, retryMaxDelayMs: 200, requestTimeoutMs: 20_000, onError: (e) => errors.push(e),
        }),
    );
    let loadDone = false;
    const load = Promise.all(clients.map(async (client, c) => {
      for (const event of sent[c]!) client.record(event);
      await client.shutdown();
    })).finally(() => (loadDone = true));

    // Crash 1: the server kills itself between commit and answer. What it acknowledged is stored; restart it on
    // the same port.
    await Promise.race([child.exited(), load]);
    expect(child.exits, "the first server must die before the load ends").toEqual(["SIGKILL"]);
    const acksBeforeFirstRestart = acks;
    const ackedAtCrash1 = [...acked];
    expect(await storedAmong(ackedAtCrash1)).toBe(ackedAtCrash1.length);
    await child.start();
    // Crash 2: an outside SIGKILL once the new server has acknowledged some batches, while others are in flight.
    await new Promise<void>((resolve) => {
      onAck = () => acks >= acksBeforeFirstRestart + KILL_AFTER_ACKS && resolve();
      void load.then(() => resolve());
    });
    const killedMidLoad = !loadDone;
    const ackedAtKill = [...acked];
    await child.kill();
    expect(await storedAmong(ackedAtKill)).toBe(ackedAtKill.length);
    await child.start();
    await load;

    expect(child.exits, child.stderr).toEqual(["SIGKILL", "SIGKILL"]);
    expect(ackedAtKill.length).toBeGreaterThan(ackedAtCrash1.length);
    expect(killedMidLoad, "the second crash must come before the load ends").toBe(true);
    expect(errors.map((e) => e.message)).toEqual([]);
    expect(statuses.filter((s) => s !== 200)).toEqual([]);

    // Every event once, as sent, once the retries finished.
    const stored = await t.db.event.findMany({ where: { serviceId }, select: { eventId: true, timestamp: true, latencyMs: true, status: true } });
    const storedIds = stored.map((e) => e.eventId);
    expect(new Set(storedIds).size).toBe(storedIds.length);
    expect(storedIds.sort()).toEqual(all.map((e) => e.event_id!).sort());
    const byId = new Map(all.map((e) => [e.event_id!, e]));
    for (const e of stored) {
      const s = byId.get(e.eventId)!;
      expect({ t: e.timestamp.toISOString(), l: e.latencyMs, s: e.status }).toEqual({ t: s.timestamp, l: s.latency_ms, s: s.status });
    }
    // Answers count each event "accepted" at most once. Those never counted so were committed by a request whose
    // answer was lost — at least the self-killed server's last batch — and came back as duplicates on retry.
    const stats = clients.map((c) => c.stats());
    const answeredAccepted = stats.reduce((n, s) => n + s.accepted, 0);
    const unansweredCommits = all.length - answeredAccepted;
    expect(unansweredCommits).toBeGreaterThanOrEqual(BATCH);
    expect(stats.reduce((n, s) => n + s.duplicates, 0)).toBeGreaterThanOrEqual(unansweredCommits);

    // The server's aggregator folds what was queued, the crashed servers' leftovers included.
    const drainedBy = Date.now() + 30_000;
    while ((await t.db.pendingFold.count({ where: { serviceId } })) > 0 && Date.now() < drainedBy) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await t.db.pendingFold.count({ where: { serviceId } }), "the fold loop must drain the queue").toBe(0);

    // The all-traffic rows of each tier count exactly the events sent, bucket by bucket.
    const live = await snapshotRollups();
    const tiers = new Set([...live.keys()].map((k) => k.split(" ")[0]));
    expect(tiers.has("minute")).toBe(true);
    for (const [tier, ms] of [["minute", 60_000], ["hour", 3_600_000]] as const) {
      if (!tiers.has(tier)) continue;
      const got = [...live].filter(([k]) => k.startsWith(`${tier} `) && k.endsWith(" *=*"));
      const rows = got.map(([k, r]) => `${k.split(" ")[1]} ${r.count} ${r.errors} ${r.latencyCount} ${r.latencySum.toFixed(3)}`);
      expect(rows.sort(), tier).toEqual(expectedAllTraffic(all, ms));
    }

    // A rebuild from raw events gives the same rows, tier by tier, segment by segment.
    await rebuildRollups({ now: new Date(), serviceId, from: new Date(now - SPREAD_MS - 3_600_000) });
    expectSameRows(live, await snapshotRollups());
  }, 90_000);
});
