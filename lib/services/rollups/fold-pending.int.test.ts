import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeIngestBatch } from "@/lib/db/events.ts";
import { DAY, events, NOW, rollupFixtures, totals } from "@/lib/db/rollup-fixtures.ts";
import { readRollups } from "@/lib/db/rollups.ts";
import type { TelemetryEvent } from "@/lib/domain/event.ts";
import { makeEvent } from "@/lib/domain/rollup/testing.ts";
import { recordFeedback } from "@/lib/services/ingest/record-feedback.ts";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-db.ts";
import { applyRetention } from "./apply-retention.ts";
import { drainPending, foldPending } from "./fold-pending.ts";
import { rebuildRollups } from "./rebuild-rollups.ts";

// The fold queue on the database under test (VITALS_TEST_DB): ingest stores and queues, the aggregator folds each
// queued event exactly once — alone, racing another aggregator and ingest, around feedback, rebuilds and retention.

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.drop();
});

const { makeService, ingestViaPrisma, snapshot } = rollupFixtures(() => t);

/** The ingest write alone: stored and queued, not folded. Returns how many were new. */
async function queue(serviceId: string, evs: readonly TelemetryEvent[], storePrompts = true): Promise<number> {
  const [fresh] = await writeIngestBatch({ services: [{ serviceId, storePrompts, events: evs }], rejected: new Map(), now: NOW });
  return fresh!.length;
}

const queued = (serviceId: string) => t.db.pendingFold.count({ where: { serviceId } });
const rollupRows = (serviceId: string) => t.db.rollup.count({ where: { serviceId } });

describe(`fold queue (${process.env.VITALS_TEST_DB})`, () => {
  it("ingest alone leaves the rollups untouched; draining folds each queued event once, retries and all", async () => {
    const [serviceId, reference] = [await makeService(), await makeService()];
    const evs = events("q", 200, NOW.getTime(), 2, 1);
    expect(await queue(serviceId, evs)).toBe(200);
    expect(await queue(serviceId, evs.slice(0, 50))).toBe(0); // a client retry queues nothing
    expect(await rollupRows(serviceId)).toBe(0);
    expect(await queued(serviceId)).toBe(200);

    expect(await foldPending({ now: NOW, limit: 64 })).toEqual({ claimed: 64, folded: 64, skipped: 0 });
    expect(await queued(serviceId)).toBe(136);
    expect(await drainPending({ now: NOW, limit: 64 })).toBe(136);
    expect(await queued(serviceId)).toBe(0);
    await ingestViaPrisma(reference, evs);
    const folded = await snapshot(serviceId);
    expect(folded).toEqual(await snapshot(reference));

    expect(await drainPending({ now: NOW })).toBe(0);
    expect(await queue(serviceId, evs)).toBe(0);
    expect(await drainPending({ now: NOW })).toBe(0);
    expect(await snapshot(serviceId)).toEqual(folded);
  });

  it("folds each event once when aggregators race each other and ingest", async () => {
    const [serviceId, reference] = [await makeService(), await makeService()];
    const batches = Array.from({ length: 12 }, (_, b) => events(`r${b}`, 30, NOW.getTime(), 1, 100 + b));
    let stored = 0;
    for (const batch of batches.slice(0, 6)) stored += await queue(serviceId, batch);
    const [more, folded] = await Promise.all([
      Promise.all(batches.slice(6).map((batch) => queue(serviceId, batch))),
      Promise.all(Array.from({ length: 3 }, () => drainPending({ now: NOW, limit: 16 }))),
    ]);
    expect(stored + more.reduce((a, b) => a + b, 0)).toBe(360);
    // Whatever was queued after the racing drains caught up, folded now; each event by exactly one of them.
    const rest = await drainPending({ now: NOW, limit: 16 });
    expect(folded.reduce((a, b) => a + b, 0) + rest).toBe(360);
    expect(await queued(serviceId)).toBe(0);
    expect(await totals(serviceId, "minute")).toMatchObject({ count: 360 });
    expect(await totals(serviceId, "hour")).toMatchObject({ count: 360 });
    await ingestViaPrisma(reference, batches.flat());
    expect(await snapshot(serviceId)).toEqual(await snapshot(reference));
  });

  it("records feedback on a queued event in the event alone; the fold counts the new values", async () => {
    const serviceId = await makeService();
    const slug = (await t.db.service.findUniqueOrThrow({ where: { id: serviceId } })).slug;
    const at = NOW.getTime() - 10 * 60_000;
    await queue(serviceId, [makeEvent({ eventId: "fb", timestamp: new Date(at), evals: { relevance: 0.5 } })]);
    const system = { kind: "system", label: "test" } as const;
    const send = (csat: number) => recordFeedback(system, { event_id: "fb", service: slug, feedback: { csat }, evals: { relevance: 1 } }, NOW);

    expect(await send(4)).toEqual({ updated: true });
    expect(await rollupRows(serviceId)).toBe(0);
    expect(JSON.parse((await t.db.event.findFirstOrThrow({ where: { serviceId, eventId: "fb" } })).feedback)).toEqual({ csat: 4 });
    await drainPending({ now: NOW });
    const all = async (tier: "minute" | "hour") => (await readRollups(serviceId, tier, new Date(at - DAY), new Date(at + DAY), "*"))[0]!.agg;
    for (const tier of ["minute", "hour"] as const) {
      expect(await all(tier)).toMatchObject({ count: 1, feedback: { csat: [4, 1] }, evals: { relevance: [1, 1] } });
    }
    // Folded now: feedback moves the rows by the difference, once.
    expect(await send(5)).toEqual({ updated: true });
    await drainPending({ now: NOW });
    for (const tier of ["minute", "hour"] as const) expect(await all(tier)).toMatchObject({ count: 1, feedback: { csat: [5, 1] } });
  });

  it("takes the events a rebuild refolds off the queue, with what the queue carried", async () => {
    // No stored responses: their lengths, like the embeddings, exist only in the queue until the fold.
    const [serviceId, reference] = [await makeService(false), await makeService(false)];
    const evs = events("rb", 150, NOW.getTime(), 3, 2);
    await queue(reference, evs, false);
    await drainPending({ now: NOW });
    await queue(serviceId, evs, false);
    expect(await queued(serviceId)).toBe(150);

    const result = await rebuildRollups({ now: NOW, serviceId, from: new Date(NOW.getTime() - DAY) });
    expect(result.events).toBe(150);
    expect(await queued(serviceId)).toBe(0);
    const rebuilt = await snapshot(serviceId);
    expect(rebuilt).toEqual(await snapshot(reference));
    expect(await drainPending({ now: NOW })).toBe(0);
    expect(await snapshot(serviceId)).toEqual(rebuilt);
  });

  it("drops the queue rows of events retention deletes", async () => {
    const serviceId = await makeService();
    await queue(serviceId, events("stale", 10, NOW.getTime() - 31 * DAY, 1, 6));
    expect(await queued(serviceId)).toBe(10);
    await applyRetention({ now: NOW });
    expect(await queued(serviceId)).toBe(0);
    expect(await drainPending({ now: NOW })).toBe(0);
  });
});
