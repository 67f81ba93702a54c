import {
  countPortfolioEvents,
  DEMO_INCIDENTS,
  generatePortfolioEvents,
  HOUR_MS,
  MINUTE_MS,
  resolveIncidents,
  type DemoEvent,
  type ResolvedIncident,
} from "@/lib/domain/demo/index.ts";
import { VitalsClient, type VitalsError, type VitalsStats } from "@/lib/sdk/index.ts";

// Live demo traffic for a running server (`vitals simulate`, and `npm start` through it): the seed's generator,
// carried forward in wall-clock time and sent through the SDK like any client would.

/** Highest rateScale of one generator stream: keeps each service's Poisson draw per minute small (λ ≲ 300). */
const MAX_STREAM_SCALE = 50;
/** rateScale of the calibration count: large enough that its Poisson noise is well under 1 %. */
const CALIBRATION_SCALE = 20;
/** A process that stalled (a laptop asleep) resumes with the last minute, not a backlog of hours. */
const MAX_CATCH_UP_MS = MINUTE_MS;

export const INCIDENT_KINDS = [...new Set(DEMO_INCIDENTS.map((i) => i.kind.replaceAll("_", "-")))];

/**
 * The incidents of a run starting at `startMs`: by default the built-in ones anchored there, so those ongoing in
 * the seed go on. `kind` (latency-spike, …) starts the built-in incident of that kind at `startMs`, ongoing, in
 * place of its usual placement; "none" gives healthy traffic.
 */
export function simulationIncidents(startMs: number, kind?: string): ResolvedIncident[] {
  if (kind === undefined) return resolveIncidents(startMs);
  if (kind === "none") return [];
  const wanted = kind.replaceAll("-", "_");
  const ofKind = DEMO_INCIDENTS.filter((i) => i.kind === wanted);
  const chosen = ofKind.find((i) => i.endOffsetMs === null) ?? ofKind[0];
  if (!chosen) throw new Error(`Unknown incident "${kind}"; one of: ${INCIDENT_KINDS.join(", ")}, none.`);
  const placed = DEMO_INCIDENTS.map((i) => (i === chosen ? { ...i, startOffsetMs: 0, endOffsetMs: null } : i));
  return resolveIncidents(startMs, placed);
}

export interface TrafficSourceOptions {
  /** Portfolio events per second. */
  rate: number;
  startMs: number;
  incident?: string;
  /** Default: one per run, so two runs never produce the same events. */
  seed?: string;
}

/**
 * Demo events of any window at `rate` events per second. Each minute is generated whole, once, with one
 * rateScale: the per-second windows of a minute then partition it exactly (no event twice, none lost), which
 * the generator guarantees only for a fixed scale.
 */
export class TrafficSource {
  /** In every event_id: the seed's ids are `${slug}-${minute}-${i}`, and live events must not collide with them. */
  readonly runId: string;
  private readonly seed: string;
  private readonly incidents: ResolvedIncident[];
  private minute: { index: number; events: Array<[number, DemoEvent]> } | null = null;
  private calibration: { hour: number; scale: number } | null = null;

  constructor(private readonly options: TrafficSourceOptions) {
    if (!(options.rate > 0)) throw new Error("The rate must be a positive number of events per second.");
    this.runId = options.startMs.toString(36);
    this.seed = options.seed ?? `simulate-${this.runId}`;
    this.incidents = simulationIncidents(options.startMs, options.incident);
  }

  /** Events with timestamps in [fromMs, toMs), in timestamp order. */
  events(fromMs: number, toMs: number): DemoEvent[] {
    const out: DemoEvent[] = [];
    for (let m = Math.floor(fromMs / MINUTE_MS); m * MINUTE_MS < toMs; m++) {
      for (const [ms, event] of this.minuteEvents(m)) if (ms >= fromMs && ms < toMs) out.push(event);
    }
    return out;
  }

  /** The generator's rateScale that yields `rate` on average over the hour holding `minute`. */
  scaleAt(minute: number): number {
    const hour = Math.floor((minute * MINUTE_MS) / HOUR_MS);
    if (this.calibration?.hour !== hour) {
      // The portfolio's own rate follows a daily and weekly cycle; measuring it for this hour keeps the
      // requested rate at any time of day while each service's share still moves with its cycle.
      const count = countPortfolioEvents({
        from: hour * HOUR_MS,
        to: (hour + 1) * HOUR_MS,
        seed: `${this.seed}/calibration`,
        rateScale: CALIBRATION_SCALE,
        incidents: this.incidents,
      });
      const baseRate = Math.max(count, 1) / CALIBRATION_SCALE / (HOUR_MS / 1000);
      this.calibration = { hour, scale: this.options.rate / baseRate };
    }
    return this.calibration.scale;
  }

  private minuteEvents(index: number): Array<[number, DemoEvent]> {
    if (this.minute?.index === index) return this.minute.events;
    const scale = this.scaleAt(index);
    // The generator's Poisson draw loses accuracy for large means: beyond MAX_STREAM_SCALE, sum independent
    // streams (a sum of Poisson counts is a Poisson count), each with its own seed and id prefix.
    const streams = Math.ceil(scale / MAX_STREAM_SCALE);
    const events: Array<[number, DemoEvent]> = [];
    for (let j = 0; j < streams; j++) {
      const prefix = `sim-${this.runId}${j === 0 ? "" : `.${j}`}-`;
      const generated = generatePortfolioEvents({
        from: index * MINUTE_MS,
        to: (index + 1) * MINUTE_MS,
        seed: `${this.seed}/${j}`,
        rateScale: scale / streams,
        incidents: this.incidents,
      });
      for (const e of generated) events.push([Date.parse(e.timestamp), { ...e, event_id: prefix + e.event_id }]);
    }
    if (streams > 1) events.sort((a, b) => a[0] - b[0]);
    this.minute = { index, events };
    return events;
  }
}

export interface SimulationOptions {
  /** The server's base URL, e.g. http://localhost:3000. */
  url: string;
  apiKey: string;
  rate: number;
  incident?: string;
  seed?: string;
  onError?: (error: VitalsError) => void;
  /** How often the elapsed interval is generated and recorded. */
  tickMs?: number;
  now?: () => number;
}

export interface SimulationStats extends VitalsStats {
  /** Events generated and handed to the client. */
  generated: number;
}

export interface Simulation {
  readonly runId: string;
  stats(): SimulationStats;
  /** Stops generating and resolves after a final flush. */
  stop(): Promise<void>;
}

/** Streams demo traffic to `url` until stop(); `vitals simulate` drives it (and `npm start` runs that CLI). */
export function startBackgroundSimulation(options: SimulationOptions): Simulation {
  const now = options.now ?? Date.now;
  const startMs = now();
  const source = new TrafficSource({ rate: options.rate, startMs, incident: options.incident, seed: options.seed });
  const client = new VitalsClient({
    endpoint: `${options.url.replace(/\/+$/, "")}/api/ingest`,
    apiKey: options.apiKey,
    onError: options.onError,
  });
  let generated = 0;
  let doneMs = startMs;
  const tick = () => {
    const to = now();
    const from = Math.max(doneMs, to - MAX_CATCH_UP_MS);
    if (to <= from) return;
    const events = source.events(from, to);
    for (const event of events) client.record(event);
    generated += events.length;
    doneMs = to;
  };
  const timer = setInterval(tick, options.tickMs ?? 1_000);
  let stopping: Promise<void> | undefined;
  return {
    runId: source.runId,
    stats: () => ({ generated, ...client.stats() }),
    stop() {
      stopping ??= (async () => {
        clearInterval(timer);
        tick(); // the events up to the moment of stopping
        await client.shutdown();
      })();
      return stopping;
    },
  };
}
