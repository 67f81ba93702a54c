import { postBatch, type BatchOutcome, type Transport } from "./post-batch.ts";
import { batchBody, ENVELOPE_BYTES, EventQueue, utf8Length, type Queued } from "./queue.ts";
import { VitalsError, type VitalsClientOptions, type VitalsEvent, type VitalsStats } from "./types.ts";

// A buffering client for POST /api/ingest. One request is in flight at a time: events reach the server in the
// order they were recorded (the server's aggregation watermark likes time moving forward) and flush() can
// tell "everything up to here is settled" from a single sequence number.

const MAX_EVENTS_PER_REQUEST = 1_000;
const MAX_BODY_BYTES = 5 * 1024 * 1024;
const DROP_WARNING_EVERY_MS = 5_000;

/** Node's process, typed structurally: the SDK runs (and type-checks) where there is none. */
type ProcessLike = { once(event: "beforeExit", listener: () => void): unknown; off(event: "beforeExit", listener: () => void): unknown };
const nodeProcess = (): ProcessLike | undefined => (globalThis as { process?: ProcessLike }).process;

export class VitalsClient {
  private readonly transport: Transport;
  private readonly batchSize: number;
  private readonly maxQueue: number;
  private readonly maxBatchBytes: number;
  private readonly now: () => number;
  private readonly onError: (error: VitalsError) => void;
  private readonly queue = new EventQueue();
  private lastSeq = 0;
  /** Queued events with seq ≤ this are due now (a tick or a flush asked); later ones wait for a full batch. */
  private drainUntil = 0;
  private inFlight: Queued[] | null = null;
  private pumping = false;
  private waiters: Array<{ seq: number; resolve: () => void }> = [];
  private closed = false;
  private timer: ReturnType<typeof setInterval> | undefined;
  private exitHook: (() => void) | undefined;
  private unreportedDrops = 0;
  private lastDropWarning = Number.NEGATIVE_INFINITY;
  private lastDropReason = "";
  private readonly counters = { sent: 0, accepted: 0, duplicates: 0, rejected: 0, failed: 0, dropped: 0, retries: 0, batches: 0 };

  constructor(options: VitalsClientOptions) {
    const fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.now = options.now ?? Date.now;
    this.onError = options.onError ?? ((error) => console.warn(`[vitals] ${error.message}`));
    this.batchSize = Math.max(1, Math.min(MAX_EVENTS_PER_REQUEST, Math.floor(options.batchSize ?? 500)));
    this.maxQueue = Math.max(1, options.maxQueue ?? 100_000);
    this.maxBatchBytes = Math.min(MAX_BODY_BYTES, options.maxBatchBytes ?? MAX_BODY_BYTES);
    this.transport = {
      endpoint: options.endpoint,
      apiKey: options.apiKey,
      gzip: options.gzip ?? true,
      maxRetries: Math.max(0, options.maxRetries ?? 8),
      retryBaseDelayMs: options.retryBaseDelayMs ?? 500,
      retryMaxDelayMs: options.retryMaxDelayMs ?? 30_000,
      requestTimeoutMs: options.requestTimeoutMs ?? 30_000,
      fetch: fetchImpl,
      now: this.now,
      sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
      random: options.random ?? Math.random,
      onRetry: () => void this.counters.retries++,
    };
    const interval = options.flushIntervalMs ?? 1_000;
    if (interval > 0) {
      this.timer = setInterval(() => this.requestDrain(), interval);
      // The timer alone must not keep a finished program alive; shutdown() or flushOnExit sends the rest.
      (this.timer as { unref?: () => void }).unref?.();
    }
    const proc = nodeProcess();
    if (options.flushOnExit && typeof proc?.once === "function") {
      this.exitHook = () => void this.flush();
      proc.once("beforeExit", this.exitHook);
    }
  }

  /** Queues one event and returns its event_id (generated when absent, so retries deduplicate). */
  record(event: VitalsEvent): string {
    const id = event.event_id ?? crypto.randomUUID();
    if (this.closed) {
      this.drop(1, "the client is shut down");
      return id;
    }
    const json = JSON.stringify({ ...event, event_id: id, timestamp: event.timestamp ?? new Date(this.now()).toISOString() });
    const bytes = utf8Length(json);
    if (bytes + ENVELOPE_BYTES > this.maxBatchBytes) {
      this.counters.failed++;
      this.report(new VitalsError("oversized", `event ${id} is ${bytes} bytes, more than a request may carry (${this.maxBatchBytes}); not sent`, 1));
      return id;
    }
    if (this.queue.size >= this.maxQueue) {
      this.queue.dropOldest();
      this.drop(1, `the queue is full (${this.maxQueue} events)`);
    }
    this.queue.push({ seq: ++this.lastSeq, id, json, bytes });
    if (this.queue.size >= this.batchSize) this.kick();
    return id;
  }

  /** Resolves once every event recorded before the call was acknowledged, rejected, dropped or given up on. */
  flush(): Promise<void> {
    const target = this.lastSeq;
    const settled = new Promise<void>((resolve) => this.waiters.push({ seq: target, resolve }));
    this.drainUntil = Math.max(this.drainUntil, target);
    this.settle();
    this.kick();
    return settled;
  }

  /** Stops the timer, refuses further events and sends everything queued. */
  async shutdown(): Promise<void> {
    this.closed = true;
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    if (this.exitHook) nodeProcess()?.off("beforeExit", this.exitHook);
    await this.flush();
    this.reportDrops(true);
  }

  stats(): VitalsStats {
    return { queued: this.queue.size, ...this.counters };
  }

  private requestDrain(): void {
    this.drainUntil = this.lastSeq;
    this.reportDrops(false);
    this.kick();
  }

  private shouldSend(): boolean {
    const first = this.queue.peek();
    return first !== undefined && (this.queue.size >= this.batchSize || first.seq <= this.drainUntil);
  }

  private kick(): void {
    if (this.pumping || !this.shouldSend()) return;
    this.pumping = true;
    void this.pump().finally(() => {
      this.pumping = false;
      // Events may have arrived between the loop's last check and now.
      if (this.shouldSend()) this.kick();
    });
  }

  private async pump(): Promise<void> {
    while (this.shouldSend()) {
      const batch = this.queue.take(this.batchSize, this.maxBatchBytes);
      this.inFlight = batch;
      this.counters.sent += batch.length;
      const body = batchBody(batch);
      let outcome: BatchOutcome;
      try {
        outcome = await postBatch(this.transport, body, batch.length);
      } catch (error) {
        outcome = { ok: false, message: error instanceof Error ? error.message : String(error) };
      }
      this.account(batch, outcome);
      this.inFlight = null;
      this.settle();
    }
  }

  private account(batch: Queued[], outcome: BatchOutcome): void {
    this.counters.batches++;
    if (!outcome.ok) {
      this.counters.failed += batch.length;
      this.report(new VitalsError("failed", `${batch.length} events not delivered: ${outcome.message}`, batch.length, outcome.status));
      return;
    }
    const { accepted, duplicates, rejected } = outcome.result;
    this.counters.accepted += accepted;
    this.counters.duplicates += duplicates;
    this.counters.rejected += rejected.length;
    if (rejected.length === 0) return;
    const rejections = rejected.map((r) => ({ ...r, event_id: r.event_id ?? batch[r.index]?.id ?? null }));
    const first = rejections[0];
    const why = first?.errors.map((e) => `${e.path}: ${e.message}`).join("; ") ?? "";
    const message = `${rejected.length} of ${batch.length} events rejected (HTTP ${outcome.status}); first, ${first?.event_id}: ${why}`;
    this.report(new VitalsError("rejected", message, rejected.length, outcome.status, rejections));
  }

  private drop(count: number, why: string): void {
    this.counters.dropped += count;
    this.unreportedDrops += count;
    this.lastDropReason = why;
    this.reportDrops(false);
    this.settle();
  }

  /** Drops are reported summed, at most every few seconds: a full queue would otherwise warn per event. */
  private reportDrops(force: boolean): void {
    if (this.unreportedDrops === 0) return;
    const now = this.now();
    if (!force && now - this.lastDropWarning < DROP_WARNING_EVERY_MS) return;
    this.lastDropWarning = now;
    const message = `dropped ${this.unreportedDrops} events (${this.counters.dropped} in total): ${this.lastDropReason}`;
    this.report(new VitalsError("dropped", message, this.unreportedDrops));
    this.unreportedDrops = 0;
  }

  /** Resolves the flush() calls whose events are all behind the oldest unsettled one. */
  private settle(): void {
    const floor = Math.min(this.inFlight?.[0]?.seq ?? Infinity, this.queue.peek()?.seq ?? Infinity);
    const [done, pending] = [this.waiters.filter((w) => w.seq < floor), this.waiters.filter((w) => w.seq >= floor)];
    this.waiters = pending;
    for (const w of done) w.resolve();
  }

  private report(error: VitalsError): void {
    try {
      this.onError(error);
    } catch {
      // A throwing callback must not break delivery of the next batch.
    }
  }
}
