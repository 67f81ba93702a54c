import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { gunzipSync } from "node:zlib";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { VitalsClient } from "./client.ts";
import { startIngestStub, type IngestStub } from "./ingest-stub.ts";
import type { VitalsClientOptions, VitalsError, VitalsEvent } from "./types.ts";

let stub: IngestStub;
let errors: VitalsError[];
beforeEach(async () => {
  stub = await startIngestStub();
  errors = [];
});
afterEach(() => stub.close());

const event = (n: number, extra: Partial<VitalsEvent> = {}): VitalsEvent => ({
  event_id: `e${n}`,
  service: "svc",
  timestamp: "2026-11-26T12:00:00.000Z",
  latency_ms: n,
  ...extra,
});

function client(options: Partial<VitalsClientOptions> = {}): VitalsClient {
  return new VitalsClient({
    endpoint: stub.endpoint,
    apiKey: "lvk_test",
    flushIntervalMs: 0,
    sleep: async () => {},
    onError: (e) => errors.push(e),
    ...options,
  });
}

describe("batching", () => {
  test("flush sends everything in order, in batches of batchSize", async () => {
    const c = client({ batchSize: 3 });
    for (let i = 0; i < 7; i++) c.record(event(i));
    await c.flush();
    expect(stub.requests.map((r) => r.events.map((e) => e.event_id))).toEqual([
      ["e0", "e1", "e2"],
      ["e3", "e4", "e5"],
      ["e6"],
    ]);
    expect(c.stats()).toMatchObject({ queued: 0, sent: 7, accepted: 7, duplicates: 0, rejected: 0, batches: 3, retries: 0 });
    expect(stub.requests[0]?.headers.authorization).toBe("Bearer lvk_test");
    expect(errors).toEqual([]);
  });

  test("a full batch goes out without a flush; a partial one waits", async () => {
    const c = client({ batchSize: 2 });
    c.record(event(1));
    c.record(event(2));
    c.record(event(3));
    await stub.waitForRequests(1);
    expect(stub.requests[0]?.events.map((e) => e.event_id)).toEqual(["e1", "e2"]);
    expect(c.stats().queued).toBe(1);
    await c.shutdown();
    expect(stub.requests).toHaveLength(2);
  });

  test("the background timer sends a partial batch", async () => {
    const c = client({ flushIntervalMs: 5 });
    c.record(event(1));
    await stub.waitForRequests(1);
    expect(stub.requests[0]?.events).toHaveLength(1);
    await c.shutdown();
  });

  test("batches are split to stay under the body limit", async () => {
    const c = client({ batchSize: 1000, maxBatchBytes: 1_000 });
    for (let i = 0; i < 20; i++) c.record(event(i, { prompt: "x".repeat(150) }));
    await c.flush();
    expect(stub.requests.length).toBeGreaterThan(1);
    for (const r of stub.requests) expect(JSON.stringify({ events: r.events }).length).toBeLessThanOrEqual(1_000);
    expect(stub.requests.flatMap((r) => r.events.map((e) => e.event_id))).toEqual(Array.from({ length: 20 }, (_, i) => `e${i}`));
  });

  test("an event larger than a request may carry is reported, not sent", async () => {
    const c = client({ maxBatchBytes: 500 });
    c.record(event(1, { prompt: "x".repeat(600) }));
    c.record(event(2));
    await c.flush();
    expect(stub.requests.flatMap((r) => r.events.map((e) => e.event_id))).toEqual(["e2"]);
    expect(errors.map((e) => e.kind)).toEqual(["oversized"]);
    expect(c.stats().failed).toBe(1);
  });
});

describe("events", () => {
  test("a missing event_id is generated once and a missing timestamp stamped from the clock", async () => {
    const c = client({ now: () => Date.UTC(2026, 10, 26, 12, 0, 0) });
    const id = c.record({ service: "svc", latency_ms: 5 });
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    await c.flush();
    expect(stub.requests[0]?.events[0]).toEqual({ service: "svc", latency_ms: 5, event_id: id, timestamp: "2026-11-26T12:00:00.000Z" });
  });

  test("the event is captured at record(): later changes to the caller's object are not sent", async () => {
    const c = client();
    const e = event(1);
    c.record(e);
    e.latency_ms = 999;
    await c.flush();
    expect(stub.requests[0]?.events[0]?.latency_ms).toBe(1);
  });

  test.each([true, false])("gzip %s: the body decodes to the events", async (gzip) => {
    const bodies: Array<{ encoding: string | null; body: Uint8Array | string }> = [];
    const fetchSpy: typeof fetch = async (input, init) => {
      bodies.push({ encoding: new Headers(init?.headers).get("content-encoding"), body: init?.body as Uint8Array | string });
      return fetch(input, init);
    };
    const c = client({ gzip, fetch: fetchSpy });
    c.record(event(1, { prompt: "é ✓ 🎉" }));
    await c.flush();
    const sent = bodies[0]!;
    expect(sent.encoding).toBe(gzip ? "gzip" : "identity");
    const text = gzip ? gunzipSync(sent.body as Uint8Array).toString("utf8") : (sent.body as string);
    expect(JSON.parse(text)).toEqual({ events: [event(1, { prompt: "é ✓ 🎉" })] });
    expect(stub.requests[0]?.events[0]?.prompt).toBe("é ✓ 🎉");
  });
});

describe("lifecycle", () => {
  test("shutdown flushes everything and refuses later events", async () => {
    const c = client({ batchSize: 10, flushIntervalMs: 60_000 });
    for (let i = 0; i < 25; i++) c.record(event(i));
    await c.shutdown();
    expect(stub.requests.flatMap((r) => r.events)).toHaveLength(25);
    expect(c.stats()).toMatchObject({ queued: 0, accepted: 25 });
    c.record(event(99));
    await c.flush();
    expect(stub.requests.flatMap((r) => r.events)).toHaveLength(25);
    expect(errors.map((e) => [e.kind, e.events])).toEqual([["dropped", 1]]);
  });

  test("flushOnExit: a program that just ends still delivers what it recorded", async () => {
    const clientPath = fileURLToPath(new URL("./client.ts", import.meta.url));
    const program = `
      const { VitalsClient } = await import(${JSON.stringify(clientPath)});
      new VitalsClient({ endpoint: ${JSON.stringify(stub.endpoint)}, apiKey: "k", flushOnExit: true }).record({ service: "svc", event_id: "last" });`;
    await promisify(execFile)(process.execPath, ["--import", "tsx", "--input-type=module", "-e", program]);
    expect(stub.requests.flatMap((r) => r.events.map((e) => e.event_id))).toEqual(["last"]);
  });

  test("flush with nothing queued resolves at once", async () => {
    await client().flush();
    expect(stub.requests).toEqual([]);
  });

  test("a full queue drops the oldest events and says how many", async () => {
    const c = client({ maxQueue: 3, batchSize: 10, now: () => 0 });
    for (let i = 0; i < 6; i++) c.record(event(i));
    await c.flush();
    expect(stub.requests.flatMap((r) => r.events.map((e) => e.event_id))).toEqual(["e3", "e4", "e5"]);
    expect(c.stats().dropped).toBe(3);
    // One warning per interval, not one per event; the rest is summed into the next one.
    expect(errors.map((e) => [e.kind, e.events])).toEqual([["dropped", 1]]);
    await c.shutdown();
    expect(errors.map((e) => [e.kind, e.events])).toEqual([["dropped", 1], ["dropped", 2]]);
  });
});
