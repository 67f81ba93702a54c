import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";

// A scripted stand-in for POST /api/ingest, for the SDK's tests: a real HTTP server on 127.0.0.1 so the client's
// fetch, gzip and error handling run for real, without Next or a database.

export interface StubRequest {
  headers: IncomingHttpHeaders;
  /** The body after gzip decoding, parsed. */
  events: Array<{ event_id: string; [key: string]: unknown }>;
}

/** What to answer one request with; "hang-up" commits the events and then drops the connection unanswered. */
export type StubReply = { status: number; body?: unknown; headers?: Record<string, string> } | "hang-up";

export interface IngestStub {
  endpoint: string;
  port: number;
  requests: StubRequest[];
  /** Replies for the next requests, in order; after them every request is accepted. */
  script: StubReply[];
  /** Resolves once `count` requests have arrived in total. */
  waitForRequests(count: number): Promise<void>;
  close(): Promise<void>;
}

export async function startIngestStub(port = 0): Promise<IngestStub> {
  const seen = new Set<string>();
  const requests: StubRequest[] = [];
  const script: StubReply[] = [];
  const waiting: Array<{ count: number; resolve: () => void }> = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks);
      const text = (req.headers["content-encoding"] === "gzip" ? gunzipSync(raw) : raw).toString("utf8");
      const events = (JSON.parse(text) as { events: StubRequest["events"] }).events;
      requests.push({ headers: req.headers, events });
      for (const w of waiting.filter((w) => requests.length >= w.count)) w.resolve();
      const reply = script.shift() ?? { status: 200 };
      if (reply === "hang-up" || reply.status < 300) {
        // Like the real endpoint: what is acknowledged is committed, and a known event_id is a duplicate.
        const fresh = events.filter((e) => !seen.has(e.event_id));
        for (const e of fresh) seen.add(e.event_id);
        if (reply === "hang-up") return void req.socket.destroy();
        reply.body ??= { accepted: fresh.length, duplicates: events.length - fresh.length, rejected: [] };
      }
      res.writeHead(reply.status, { "content-type": "application/json", ...reply.headers });
      res.end(JSON.stringify(reply.body ?? { error: { code: "X", message: `scripted ${reply.status}` } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const actual = (server.address() as AddressInfo).port;
  return {
    endpoint: `http://127.0.0.1:${actual}/api/ingest`,
    port: actual,
    requests,
    script,
    waitForRequests: (count) =>
      requests.length >= count ? Promise.resolve() : new Promise((resolve) => waiting.push({ count, resolve })),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port nothing listens on (for a moment): for "the server is down" cases. */
export async function freePort(): Promise<number> {
  const stub = await startIngestStub();
  await stub.close();
  return stub.port;
}
