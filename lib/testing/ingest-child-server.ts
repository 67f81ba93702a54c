import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { Readable } from "node:stream";

// A bare node:http server in front of the real ingest route handler, for tests that kill the server process
// (app/api/ingest/crash.int.test.ts). Run as `node --import tsx lib/testing/ingest-child-server.ts` with
// DATABASE_URL and PORT (0: any free port); it prints "listening <port>" once it accepts connections.
// VITALS_CHILD_DIE_BEFORE_ANSWER=n: the n-th request is handled — its events committed — and then the process
// SIGKILLs itself before answering, the worst moment for a client. VITALS_CHILD_PARENT_PID: exit when that
// process is gone, so a test runner killed mid-test leaves no server behind. It runs the fold loop, as the server does.

const { POST } = await import("@/app/api/ingest/route.ts");
// As the real server (instrumentation.ts): the aggregator folds what this process acknowledged, so a test sees the
// rollups converge after crashes.
const { startFoldLoop } = await import("@/lib/services/rollups/fold-pending.ts");
startFoldLoop({ intervalMs: Number(process.env.VITALS_FOLD_INTERVAL_MS ?? 100) });

const dieBeforeAnswer = Number(process.env.VITALS_CHILD_DIE_BEFORE_ANSWER ?? 0);
let requests = 0;

/** The web Request a route handler takes, streaming the body as it arrives. */
function toWebRequest(req: IncomingMessage): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else if (value !== undefined) headers.set(name, value);
  }
  const body = req.method === "GET" || req.method === "HEAD" ? undefined : (Readable.toWeb(req) as ReadableStream<Uint8Array>);
  // duplex: a streamed request body must say so (undici); not yet in the DOM RequestInit type.
  return new Request(`http://${req.headers.host ?? "localhost"}${req.url ?? "/"}`, { method: req.method, headers, body, duplex: "half" } as RequestInit);
}

async function writeWebResponse(res: ServerResponse, response: Response): Promise<void> {
  const body = Buffer.from(await response.arrayBuffer());
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(body);
}

const server = createServer((req, res) => {
  void (async () => {
    try {
      if (req.method !== "POST" || req.url !== "/api/ingest") {
        res.writeHead(404).end();
        return;
      }
      const response = await POST(toWebRequest(req));
      if (++requests === dieBeforeAnswer) process.kill(process.pid, "SIGKILL");
      await writeWebResponse(res, response);
    } catch (error) {
      console.error("[ingest-child-server]", error);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    }
  })();
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
