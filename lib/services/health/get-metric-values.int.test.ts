import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestEvents } from "@/lib/services/ingest/ingest-events.ts";
import { drainPending } from "@/lib/services/rollups/fold-pending.ts";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-db.ts";
import { getMetricValues } from "./get-metric-values.ts";
import { createChatService } from "@/lib/testing/configured-service.ts";

// The config editor's live values: any catalog metric over the config's window, now and hour by hour.
// 60 events in the 50 minutes before T (one every 50 s): even ones 200 ms, odd ones 100 ms, every tenth an error
//   → over the 1 h window ending at T: latency.mean 150 ms, error.rate 6/60 = 0.1, 60 samples each;
//   the window ending 2 h before T holds nothing: no value, 0 samples.

const CONFIG = `
service: chat
window: 1h
components:
  - { metric: error.rate, weight: 1, good: 0, bad: 0.2 }
`;

let t: TestDatabase;
const T = Math.floor(Date.now() / 60_000) * 60_000 - 5 * 60_000;
const system = { kind: "system", label: "test" } as const;

beforeAll(async () => {
  t = await createTestDatabase();
  await createChatService(t.db, CONFIG);
  const events = Array.from({ length: 60 }, (_, i) => ({
    event_id: `e${i}`, service: "chat", timestamp: new Date(T - (i + 1) * 50_000).toISOString(),
    latency_ms: i % 2 === 0 ? 200 : 100, status: i % 10 === 0 ? "error" : "ok",
  }));
  expect((await ingestEvents(system, events, new Date())).accepted).toBe(60);
  await drainPending();
});
afterAll(async () => {
  await t?.drop();
});

describe(`getMetricValues (${process.env.VITALS_TEST_DB})`, () => {
  it("gives each metric's value now and an hourly series over the config's window", async () => {
    const values = await getMetricValues(system, "chat", ["latency.mean", "error.rate", "latency.p42", "latency.mean"], new Date(T), { hours: 3 });
    expect(values.window).toBe("1h");
    expect(Object.keys(values.metrics)).toEqual(["latency.mean", "error.rate"]); // unknown names and repeats dropped
    const latency = values.metrics["latency.mean"]!;
    expect(latency.map((p) => p.at)).toEqual([3, 2, 1, 0].map((h) => new Date(T - h * 3_600_000).toISOString()));
    expect(latency.at(-1)!.value).toBeCloseTo(150, 9);
    expect(latency.at(-1)!.samples).toBe(60);
    expect(values.metrics["error.rate"]!.at(-1)!.value).toBeCloseTo(0.1, 12);
    expect(latency[1]).toEqual({ at: new Date(T - 2 * 3_600_000).toISOString(), value: null, samples: 0 });
  });

  it("answers 404 for a service that does not exist", async () => {
    await expect(getMetricValues(system, "nope", ["error.rate"], new Date(T))).rejects.toMatchObject({ status: 404 });
  });
});
