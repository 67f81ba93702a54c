import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestEvents } from "@/lib/services/ingest/ingest-events.ts";
import { drainPending } from "@/lib/services/rollups/fold-pending.ts";
import { startCaptureServer, type CaptureServer } from "@/lib/testing/capture-server.ts";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-db.ts";
import { createChatService } from "@/lib/testing/configured-service.ts";

// The restart test, with real processes: `vitals worker` evaluates a failing service and pages once;
// it is killed with SIGKILL mid-episode (no clean shutdown, its lease left behind) and started again. The new
// process takes the lease over, goes on evaluating the still-firing episode from the database — and never sends
// a second trigger.

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));
const MIN = 60_000;
const CONFIG = `
service: chat
window: 10m
minSamples: 5
components:
  - { metric: error.rate, weight: 1, good: 0, bad: 0.2 }
thresholds: { warning: 80, critical: 60 }
alerting: { for: 0m, hysteresis: 5, routes: { critical: [pager] } }
`;

let t: TestDatabase;
let capture: CaptureServer;
let worker: ChildProcess | null = null;
/** What the workers printed, for the message of a failed wait. */
let output = "";

function startWorker(): ChildProcess {
  const child = spawn(process.execPath, ["scripts/vitals.mjs", "worker", "--no-fold"], {
    cwd: ROOT,
    env: {
      ...process.env, DATABASE_URL: t.url, VITALS_EVALUATOR_INTERVAL_MS: "500", VITALS_EVALUATOR_LEASE_MS: "3000",
      VITALS_OUTBOX_INTERVAL_MS: "200",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4_000));
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  return child;
}

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}. The workers said:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

beforeAll(async () => {
  t = await createTestDatabase();
  capture = await startCaptureServer();
  await createChatService(t.db, CONFIG);
  await t.db.channel.create({ data: { name: "pager", kind: "webhook", config: JSON.stringify({ url: `${capture.base}/pager`, secret: "0123456789abcdef0123" }) } });
  // Every event of the last 30 minutes failed: the critical rule fires on the first evaluation and stays firing.
  const now = Date.now();
  const events = Array.from({ length: 300 }, (_, i) => ({
    event_id: `e${i}`, service: "chat", timestamp: new Date(now - 30 * MIN + i * 6_000).toISOString(), latency_ms: 100, status: "error",
  }));
  expect((await ingestEvents({ kind: "system", label: "test" }, events, new Date(now))).accepted).toBe(300);
  await drainPending();
}, 120_000);

afterAll(async () => {
  worker?.kill("SIGKILL");
  await capture?.close();
  await t?.drop();
});

const triggers = () => capture.on("/pager").filter((r) => (JSON.parse(r.body) as { kind?: string }).kind === "trigger");

describe(`evaluator restart (${process.env.VITALS_TEST_DB})`, () => {
  it("a worker killed mid-episode and restarted does not page the open episode again", async () => {
    worker = startWorker();
    // Score 0: both rules fire at once (for: 0m); only critical routes anywhere (pager).
    // Kill only once the page is on record as sent. Between the POST and that record the outbox is at-least-once
    // by design (a claim lapses and the row is sent again, which the receiver's dedup key absorbs); what this
    // test pins is the evaluator's state, so it must not kill inside that window.
    const firing = await until("the first trigger, recorded as sent", async () =>
      triggers().length > 0 && (await t.db.delivery.count({ where: { kind: "trigger", state: "sent" } })) === 1
        ? await t.db.alert.findMany({ where: { state: "firing" }, orderBy: { severity: "asc" } })
        : null);
    expect(firing.map((a) => a.severity)).toEqual(["critical", "warning"]);
    const before = await t.db.scoreSnapshot.findFirstOrThrow({ orderBy: { at: "desc" } });

    const killed = worker;
    const exited = new Promise((resolve) => killed.once("exit", resolve));
    killed.kill("SIGKILL");
    await exited;
    worker = startWorker();

    // The new process must have evaluated a later minute (after the dead one's lease expired) with the episode open.
    await until("an evaluation after the restart", () => t.db.scoreSnapshot.findFirst({ where: { at: { gt: before.at } } }), 90_000);
    // Give its sender a few rounds to deliver anything it might (wrongly) have queued.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    worker.kill("SIGTERM");

    expect(triggers()).toHaveLength(1);
    const alerts = await t.db.alert.findMany({ orderBy: { severity: "asc" } });
    expect(alerts.map((a) => [a.id, a.state])).toEqual(firing.map((a) => [a.id, "firing"]));
    expect(await t.db.delivery.count({ where: { kind: "trigger" } })).toBe(1);
  }, 240_000);
});
