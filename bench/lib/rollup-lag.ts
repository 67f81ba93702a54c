import { Agent } from "node:http";
import Database from "better-sqlite3";
import pg from "pg";
import type { Provider } from "@/lib/db/database-url.ts";
import { post, type Target } from "./load.ts";

// Rollup lag: how long after POST /api/ingest acknowledged a batch the all-traffic minute rollup counts it. The
// probe writes to a service of its own (nothing else does), one batch at a time, so the sum of that service's
// all-traffic minute counts must reach the events it has had accepted; the bench polls the database for it.

/** The sum of a service's all-traffic minute counts, read straight from the database. */
export interface RollupCounter {
  count(): Promise<number>;
  close(): Promise<void>;
}

const COUNT_SQL = (p: (i: number) => string) =>
  `SELECT COALESCE(SUM("count"), 0) AS n FROM "Rollup" WHERE "serviceId" = ${p(1)} AND "tier" = 'minute' AND "dimension" = '*' AND "value" = '*'`;

export async function openRollupCounter(provider: Provider, url: string, serviceId: string): Promise<RollupCounter> {
  if (provider === "sqlite") {
    const db = new Database(url.replace(/^file:/, ""), { readonly: true, fileMustExist: true });
    const statement = db.prepare(COUNT_SQL(() => "?"));
    return { count: async () => Number((statement.get(serviceId) as { n: number }).n), close: async () => void db.close() };
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const sql = COUNT_SQL((i) => `$${i}`);
  return {
    count: async () => Number((await client.query<{ n: string }>(sql, [serviceId])).rows[0]!.n),
    close: () => client.end(),
  };
}

export interface LagResult {
  /** Milliseconds from the acknowledgement to the first poll that saw the batch counted. */
  lags: number[];
  /** Batches not counted within the timeout. */
  timeouts: number;
  /** Probe requests that were not a 200. */
  failures: number;
}

const POLL_MS = 2;
const TIMEOUT_MS = 30_000;

/**
 * Until `untilMs` (performance.now() time), every `intervalMs`: sends `body()` to the target, and after a 200
 * polls the counter every POLL_MS until it includes the batch. A lag of one poll's duration means the rollup
 * was already there when the acknowledgement arrived.
 */
export async function probeRollupLag(target: Target, counter: RollupCounter, body: () => string, intervalMs: number, untilMs: number): Promise<LagResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const result: LagResult = { lags: [], timeouts: 0, failures: 0 };
  let expected = await counter.count();
  try {
    while (performance.now() < untilMs) {
      const next = performance.now() + intervalMs;
      const ack = await post(target, agent, body());
      const acked = performance.now();
      if (ack.status !== 200) {
        result.failures++;
      } else {
        expected += ack.accepted;
        while ((await counter.count()) < expected && performance.now() - acked < TIMEOUT_MS) {
          await new Promise((resolve) => setTimeout(resolve, POLL_MS));
        }
        const lag = performance.now() - acked;
        if (lag < TIMEOUT_MS) {
          result.lags.push(lag);
        } else {
          result.timeouts++;
          expected = await counter.count(); // the next probe starts from what is counted, not from this loss
        }
      }
      const wait = next - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    }
  } finally {
    agent.destroy();
  }
  return result;
}
