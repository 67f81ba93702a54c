import { Agent, request } from "node:http";
import { cpus } from "node:os";

// The load generator of the ingest bench, in the bench's own process: keep-alive connections, bodies made from
// a pool of realistic events (each sent with a new event_id, so nothing is a duplicate), a closed loop to find
// the maximum rate and an open loop at a fixed request rate for latency. Latencies are in milliseconds.

/** Where to send: the origin of a server and the key it expects (the baseline ignores it). */
export interface Target {
  name: string;
  origin: string;
  apiKey: string;
}

export interface Ack {
  /** HTTP status, or 0 when the request failed without one (connection reset, refused). */
  status: number;
  accepted: number;
  /** For status 0: the error's code (ECONNRESET, …). */
  error?: string;
}

/**
 * Request bodies of `size` events from a pool of wire events, cycling through it. Each event is serialised once,
 * without its event_id; a body prefixes every event with a fresh id (`<tag>-<n>`), so building one costs a
 * string join, not a JSON.stringify of the batch.
 */
export class EventFeed {
  private readonly tails: string[];
  private position = 0;
  private sequence = 0;

  constructor(
    events: readonly object[],
    private readonly tag: string,
  ) {
    if (events.length === 0) throw new Error("the event pool is empty");
    this.tails = events.map((event) => {
      const { event_id: _id, ...rest } = event as { event_id?: unknown };
      return JSON.stringify(rest).slice(1); // `"service":…}`: an object missing its opening brace
    });
  }

  body(size: number): string {
    const parts = new Array<string>(size);
    for (let i = 0; i < size; i++) {
      parts[i] = `{"event_id":"${this.tag}-${this.sequence++}",${this.tails[this.position]}`;
      this.position = (this.position + 1) % this.tails.length;
    }
    return `{"events":[${parts.join(",")}]}`;
  }
}

/** POST /api/ingest; resolves when the whole answer has arrived. */
export function post(target: Target, agent: Agent, body: string): Promise<Ack> {
  return new Promise((resolve) => {
    const req = request(
      `${target.origin}/api/ingest`,
      {
        method: "POST",
        agent,
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), authorization: `Bearer ${target.apiKey}` },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => {
          const status = res.statusCode ?? 0;
          let accepted = 0;
          if (status === 200 || status === 207) accepted = (JSON.parse(Buffer.concat(chunks).toString("utf8")) as { accepted: number }).accepted;
          resolve({ status, accepted });
        });
        res.on("error", (error: NodeJS.ErrnoException) => resolve({ status: 0, accepted: 0, error: error.code ?? error.message }));
      },
    );
    req.on("error", (error: NodeJS.ErrnoException) => resolve({ status: 0, accepted: 0, error: error.code ?? error.message }));
    req.end(body);
  });
}

export interface PhaseResult {
  /** Accepted events, and per second over the phase. */
  events: number;
  eventsPerSecond: number;
  requests: number;
  /** Requests answered with anything but 200, by status (or the error's code, when there was no answer). */
  failures: Map<string, number>;
  latencies: number[];
  elapsedMs: number;
  /** CPU time the server process used during the phase (set by the caller), in ms. */
  serverCpuMs: number | null;
  /** Cores busy on the whole machine over the phase, and of them the load generator's (this process). */
  machineCores: number;
  generatorCores: number;
}

/** Where the CPU meters stood at the start of a phase. */
interface Meters {
  server: number | null;
  machineBusyMs: number;
  generator: NodeJS.CpuUsage;
}

function readMeters(target: MeteredTarget): Meters {
  let busy = 0;
  for (const { times } of cpus()) busy += times.user + times.nice + times.sys + times.irq;
  return { server: target.cpuMs(), machineBusyMs: busy, generator: process.cpuUsage() };
}

/** A target with the CPU meter of its process (RunningServer.cpuMs). */
export interface MeteredTarget extends Target {
  cpuMs(): number | null;
}

/** Runs `connections` senders back to back for `warmupMs` (not counted), then for `durationMs`. */
export async function closedLoop(target: MeteredTarget, feed: EventFeed, size: number, connections: number, warmupMs: number, durationMs: number): Promise<PhaseResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  try {
    if (warmupMs > 0) await sendersFor(target, agent, feed, size, connections, warmupMs);
    return await sendersFor(target, agent, feed, size, connections, durationMs);
  } finally {
    agent.destroy();
  }
}

async function sendersFor(target: MeteredTarget, agent: Agent, feed: EventFeed, size: number, connections: number, durationMs: number): Promise<PhaseResult> {
  const result = emptyResult();
  const before = readMeters(target);
  const started = performance.now();
  const end = started + durationMs;
  let accepted = 0;
  const sender = async () => {
    while (performance.now() < end) {
      const body = feed.body(size);
      const sent = performance.now();
      const ack = await post(target, agent, body);
      record(result, ack, performance.now() - sent);
      accepted += ack.accepted;
    }
  };
  await Promise.all(Array.from({ length: connections }, sender));
  return finish(result, accepted, started, target, before);
}

/**
 * Sends `requestsPerSecond` requests on a fixed schedule for `durationMs`, whether or not earlier ones have been
 * answered; each latency counts from the request's scheduled time, so a server that falls behind shows it in the
 * latencies (no coordinated omission). At most `maxSockets` are in flight; the rest queue in the agent.
 */
export async function openLoop(target: MeteredTarget, feed: EventFeed, size: number, requestsPerSecond: number, durationMs: number, maxSockets: number): Promise<PhaseResult> {
  const agent = new Agent({ keepAlive: true, maxSockets });
  const result = emptyResult();
  const before = readMeters(target);
  const inFlight: Promise<void>[] = [];
  const interval = 1000 / requestsPerSecond;
  const started = performance.now();
  let accepted = 0;
  try {
    for (let i = 0; ; i++) {
      const due = started + i * interval;
      if (due >= started + durationMs) break;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      inFlight.push(
        post(target, agent, feed.body(size)).then((ack) => {
          record(result, ack, performance.now() - due);
          accepted += ack.accepted;
        }),
      );
    }
    await Promise.all(inFlight);
  } finally {
    agent.destroy();
  }
  return finish(result, accepted, started, target, before);
}

function emptyResult(): PhaseResult {
  return { events: 0, eventsPerSecond: 0, requests: 0, failures: new Map(), latencies: [], elapsedMs: 0, serverCpuMs: null, machineCores: 0, generatorCores: 0 };
}

function finish(result: PhaseResult, accepted: number, started: number, target: MeteredTarget, before: Meters): PhaseResult {
  const after = readMeters(target);
  result.serverCpuMs = before.server === null || after.server === null ? null : after.server - before.server;
  result.elapsedMs = performance.now() - started;
  result.machineCores = (after.machineBusyMs - before.machineBusyMs) / result.elapsedMs;
  const generator = process.cpuUsage(before.generator);
  result.generatorCores = (generator.user + generator.system) / 1000 / result.elapsedMs;
  result.events = accepted;
  result.eventsPerSecond = (accepted * 1000) / result.elapsedMs;
  return result;
}

function record(result: PhaseResult, ack: Ack, latencyMs: number): void {
  result.requests++;
  result.latencies.push(latencyMs);
  if (ack.status !== 200) {
    const why = ack.status === 0 ? (ack.error ?? "no answer") : String(ack.status);
    result.failures.set(why, (result.failures.get(why) ?? 0) + 1);
  }
}

/** The q-quantile (0–1) by nearest rank; NaN for no values. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}
