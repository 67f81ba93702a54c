import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { VitalsClient } from "./client.ts";
import { freePort, startIngestStub, type IngestStub } from "./ingest-stub.ts";
import type { VitalsClientOptions, VitalsError } from "./types.ts";

// Delays go through an injected sleep that records and returns at once: the tests check what the client
// would wait, never how long anything took.

let stub: IngestStub;
let errors: VitalsError[];
let sleeps: number[];
beforeEach(async () => {
  stub = await startIngestStub();
  errors = [];
  sleeps = [];
});
afterEach(() => stub.close());

const NOW = Date.UTC(2026, 10, 26, 12, 0, 0);

function client(options: Partial<VitalsClientOptions> = {}): VitalsClient {
  return new VitalsClient({
    endpoint: stub.endpoint,
    apiKey: "lvk_test",
    flushIntervalMs: 0,
    now: () => NOW,
    random: () => 0.5,
    sleep: async (ms) => void sleeps.push(ms),
    onError: (e) => errors.push(e),
    ...options,
  });
}

const ids = (r: { events: Array<{ event_id: string }> } | undefined) => r?.events.map((e) => e.event_id);

describe("retryable answers", () => {
  test("429 with Retry-After in seconds delays the retry by that long", async () => {
    stub.script.push({ status: 429, headers: { "retry-after": "2" } });
    const c = client();
    c.record({ service: "svc" });
    await c.flush();
    expect(sleeps).toEqual([2_000]);
    expect(stub.requests).toHaveLength(2);
    expect(c.stats()).toMatchObject({ accepted: 1, retries: 1, sent: 1, failed: 0 });
    expect(errors).toEqual([]);
  });

  test("Retry-After as an HTTP date waits until that date", async () => {
    stub.script.push({ status: 503, headers: { "retry-after": new Date(NOW + 7_000).toUTCString() } });
    const c = client();
    c.record({ service: "svc" });
    await c.flush();
    expect(sleeps).toEqual([7_000]);
  });

  test("503 then 200: delivered once, with the same event ids both times", async () => {
    stub.script.push({ status: 503 });
    const c = client();
    const generated = [c.record({ service: "svc" }), c.record({ service: "svc" })];
    await c.flush();
    expect(ids(stub.requests[0])).toEqual(generated);
    expect(ids(stub.requests[1])).toEqual(generated);
    expect(c.stats()).toMatchObject({ accepted: 2, duplicates: 0, retries: 1 });
    // No Retry-After: the first backoff step (500 ms, equal jitter at random 0.5 → 375 ms).
    expect(sleeps).toEqual([375]);
  });

  test("an answer lost after the commit is retried with the same ids, and the server deduplicates", async () => {
    stub.script.push("hang-up");
    const c = client();
    const generated = [c.record({ service: "svc" }), c.record({ service: "svc" })];
    await c.flush();
    expect(stub.requests.map(ids)).toEqual([generated, generated]);
    expect(c.stats()).toMatchObject({ accepted: 0, duplicates: 2, retries: 1, failed: 0 });
  });

  test("the server down (connection refused), then up: delivered", async () => {
    const port = await freePort();
    let restarted: IngestStub | undefined;
    const c = client({
      endpoint: `http://127.0.0.1:${port}/api/ingest`,
      sleep: async (ms) => {
        sleeps.push(ms);
        restarted ??= await startIngestStub(port);
      },
    });
    c.record({ service: "svc", event_id: "a" });
    await c.flush();
    expect(ids(restarted?.requests[0])).toEqual(["a"]);
    expect(c.stats()).toMatchObject({ accepted: 1, retries: 1 });
    await restarted?.close();
  });

  test("retries give up after maxRetries, backing off exponentially", async () => {
    stub.script.push({ status: 500 }, { status: 502 }, { status: 503 }, { status: 504 });
    const c = client({ maxRetries: 3, retryBaseDelayMs: 100 });
    c.record({ service: "svc" });
    await c.flush();
    expect(stub.requests).toHaveLength(4);
    expect(sleeps).toEqual([75, 150, 300]);
    expect(c.stats()).toMatchObject({ failed: 1, retries: 3, accepted: 0 });
    expect(errors.map((e) => [e.kind, e.status])).toEqual([["failed", 504]]);
    expect(errors[0]?.message).toContain("gave up after 4 attempts");
  });
});

describe("final answers", () => {
  test.each([400, 401, 403, 413, 415])("%i is not retried and reports the server's message", async (status) => {
    stub.script.push({ status, body: { error: { code: "X", message: `nope ${status}` } } });
    const c = client();
    c.record({ service: "svc" });
    c.record({ service: "svc" });
    await c.flush();
    expect(stub.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
    expect(c.stats()).toMatchObject({ failed: 2, retries: 0 });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ kind: "failed", status, events: 2 });
    expect(errors[0]?.message).toContain(`nope ${status}`);
  });

  test("207: rejected events are reported with their ids and not retried", async () => {
    const rejected = [{ index: 1, event_id: null, errors: [{ path: "latency_ms", message: "latency_ms must be ≥ 0." }] }];
    stub.script.push({ status: 207, body: { accepted: 2, duplicates: 0, rejected } });
    const c = client();
    const generated = [0, 1, 2].map((i) => c.record({ service: "svc", latency_ms: i === 1 ? -1 : i }));
    await c.flush();
    expect(stub.requests).toHaveLength(1);
    expect(c.stats()).toMatchObject({ accepted: 2, rejected: 1, failed: 0, retries: 0 });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ kind: "rejected", status: 207, events: 1 });
    expect(errors[0]?.rejections).toEqual([{ ...rejected[0], event_id: generated[1] }]);
    expect(errors[0]?.message).toContain("latency_ms must be ≥ 0.");
  });

  test("422: nothing accepted, every event reported, not retried", async () => {
    const rejected = [0, 1].map((index) => ({ index, event_id: `e${index}`, errors: [{ path: "service", message: "Unknown service." }] }));
    stub.script.push({ status: 422, body: { accepted: 0, duplicates: 0, rejected } });
    const c = client();
    c.record({ service: "nope", event_id: "e0" });
    c.record({ service: "nope", event_id: "e1" });
    await c.flush();
    expect(stub.requests).toHaveLength(1);
    expect(c.stats()).toMatchObject({ accepted: 0, rejected: 2, retries: 0 });
    expect(errors[0]?.rejections.map((r) => r.event_id)).toEqual(["e0", "e1"]);
  });

  test("a throwing onError does not stop delivery", async () => {
    stub.script.push({ status: 400 });
    const c = client({ batchSize: 1, onError: () => { throw new Error("boom"); } });
    c.record({ service: "svc" });
    c.record({ service: "svc" });
    await c.flush();
    expect(c.stats()).toMatchObject({ failed: 1, accepted: 1 });
  });
});
