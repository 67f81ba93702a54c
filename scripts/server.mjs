#!/usr/bin/env node
// The production server (what `npm start` runs): Next.js's request handler — pages, APIs, the background thread
// its instrumentation starts — behind a node:http server that answers POST /api/ingest itself
// (lib/http/node-ingest.ts), with the same code as the route handler but without the framework's per-request
// work. Run from the project directory after `next build`; PORT (default 3000) and HOSTNAME (default 0.0.0.0).
process.env.NODE_ENV = "production";

const { createServer } = await import("node:http");
const { fileURLToPath } = await import("node:url");
const { register } = await import("tsx/esm/api");
const { default: next } = await import("next");

register();
const { isIngestRequest, serveIngest } = await import("../lib/http/node-ingest.ts");

const dir = fileURLToPath(new URL("..", import.meta.url));
const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOSTNAME ?? "0.0.0.0";
const app = next({ dev: false, dir, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer((req, res) => {
  if (isIngestRequest(req)) {
    serveIngest(req, res).catch((error) => {
      console.error("[ingest]", error);
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { code: "INTERNAL", message: "Something went wrong on our side." } }));
    });
    return;
  }
  void handle(req, res);
});
server.listen(port, hostname, () => console.log(`▲ LLM Vitals listening on http://${hostname}:${port}`));

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, () => {
    server.close();
    void app.close().finally(() => process.exit(0));
    // Open keep-alive connections do not hold the exit up for long.
    setTimeout(() => process.exit(0), 5_000).unref();
  });
}
