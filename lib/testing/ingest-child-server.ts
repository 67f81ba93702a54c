import { createServer } from "node:http";

// The production server's ingest path (lib/http/node-ingest.ts, as scripts/server.mjs serves it) alone, for tests
// that kill the server process (app/api/ingest/crash.int.test.ts). Run as `node --import tsx
// lib/testing/ingest-child-server.ts` with DATABASE_URL and PORT (0: any free port); it prints "listening <port>"
// once it accepts connections. VITALS_CHILD_DIE_BEFORE_ANSWER=n: the n-th request is handled — its events
// committed — and then the process SIGKILLs itself before answering, the worst moment for a client.
// VITALS_CHILD_PARENT_PID: exit when that process is gone, so a test runner killed mid-test leaves no server
// behind. It runs the fold loop, as the server does.

const { isIngestRequest, serveIngest } = await import("@/lib/http/node-ingest.ts");
// As the real server (instrumentation.ts): the aggregator folds what this process acknowledged, so a test sees the
// rollups converge after crashes.
const { startFoldLoop } = await import("@/lib/services/rollups/fold-pending.ts");
startFoldLoop({ intervalMs: Number(process.env.VITALS_FOLD_INTERVAL_MS ?? 100) });

const dieBeforeAnswer = Number(process.env.VITALS_CHILD_DIE_BEFORE_ANSWER ?? 0);
let answers = 0;

const server = createServer((req, res) => {
  if (!isIngestRequest(req)) {
    res.writeHead(404).end();
    return;
  }
  // serveIngest writes the head once the request is handled (its events committed): the moment to die at.
  const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => typeof res;
  res.writeHead = ((...args: unknown[]) => {
    if (++answers === dieBeforeAnswer) process.kill(process.pid, "SIGKILL");
    return writeHead(...args);
  }) as typeof res.writeHead;
  void serveIngest(req, res);
});

const parent = Number(process.env.VITALS_CHILD_PARENT_PID ?? 0);
if (parent > 0) {
  setInterval(() => {
    try {
      process.kill(parent, 0);
    } catch {
      process.exit(1);
    }
  }, 1_000).unref();
}

server.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
  const address = server.address();
  process.stdout.write(`listening ${typeof address === "object" && address ? address.port : 0}\n`);
});
