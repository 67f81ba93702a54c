import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST } from "@/app/api/ingest/route.ts";
import { createApiKeyAsSystem } from "@/lib/services/api-keys/create-api-key.ts";
import { jsonRequest } from "@/lib/testing/route.ts";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-db.ts";
import { isIngestRequest, serveIngest } from "./node-ingest.ts";

// The production server's own ingest path (node:http, no framework) answers exactly as the route handler: the
// same status, body and headers for the same request, down to the errors — and it never reads past the size
// limit, closing the connection instead.

let t: TestDatabase;
let server: Server;
let origin = "";
let key = "";

beforeAll(async () => {
  t = await createTestDatabase();
  const serviceId = (await t.db.service.create({ data: { slug: "chat", name: "Chat", businessUnit: "bu", riskTier: "low" } })).id;
  key = (await createApiKeyAsSystem({ name: "k", serviceId, scopes: ["ingest"], actorLabel: "test" })).key;
  server = createServer((req, res) => {
    if (isIngestRequest(req)) void serveIngest(req, res);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await t?.drop();
});

interface Sent {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

function send(body: string | Uint8Array, headers: Record<string, string>, path = "/api/ingest"): Promise<Sent> {
  return new Promise((resolve, reject) => {
    const req = request(`${origin}${path}`, { method: "POST", headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: JSON.parse(Buffer.concat(chunks).toString("utf8") || "null") }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

const now = () => new Date().toISOString();
const event = (id: string, extra: Record<string, unknown> = {}) => ({ event_id: id, service: "chat", timestamp: now(), latency_ms: 120, status: "ok", ...extra });

describe(`the server's own ingest path (${process.env.VITALS_TEST_DB})`, () => {
  it("takes POST /api/ingest with or without a query string, and nothing else", () => {
    const req = (method: string, url: string) => ({ method, url }) as Parameters<typeof isIngestRequest>[0];
    expect(isIngestRequest(req("POST", "/api/ingest"))).toBe(true);
    expect(isIngestRequest(req("POST", "/api/ingest?x=1"))).toBe(true);
    expect(isIngestRequest(req("GET", "/api/ingest"))).toBe(false);
    expect(isIngestRequest(req("POST", "/api/ingest/x"))).toBe(false);
    expect(isIngestRequest(req("POST", "/api/feedback"))).toBe(false);
  });

  it("answers each case as the route handler does", async () => {
    const auth = { authorization: `Bearer ${key}`, "content-type": "application/json" };
    const cases: { name: string; body: (tag: string) => string | Uint8Array; headers: Record<string, string>; status: number }[] = [
      { name: "all valid", body: (tag) => JSON.stringify({ events: [event(`${tag}-1`), event(`${tag}-2`)] }), headers: auth, status: 200 },
      { name: "one invalid", body: (tag) => JSON.stringify({ events: [event(`${tag}-3`), event(`${tag}-4`, { latency_ms: -1 })] }), headers: auth, status: 207 },
      { name: "none valid", body: (tag) => JSON.stringify({ events: [event(`${tag}-5`, { status: "maybe" })] }), headers: auth, status: 422 },
      { name: "gzip", body: (tag) => gzipSync(JSON.stringify({ events: [event(`${tag}-6`)] })), headers: { ...auth, "content-encoding": "gzip" }, status: 200 },
      { name: "no key", body: () => JSON.stringify({ events: [] }), headers: { "content-type": "application/json" }, status: 401 },
      { name: "not JSON", body: () => "{", headers: auth, status: 400 },
      { name: "no events array", body: () => JSON.stringify({ event: [] }), headers: auth, status: 400 },
      { name: "wrong type", body: () => "events", headers: { ...auth, "content-type": "text/plain" }, status: 415 },
      { name: "unknown encoding", body: () => "x", headers: { ...auth, "content-encoding": "br" }, status: 415 },
      { name: "too many events", body: (tag) => JSON.stringify({ events: Array.from({ length: 1_001 }, (_, i) => event(`${tag}-m${i}`)) }), headers: auth, status: 413 },
    ];
    for (const c of cases) {
      const viaNode = await send(c.body("node"), c.headers);
      const raw = c.body("route");
      const viaRoute = await POST(jsonRequest("/api/ingest", { raw, headers: c.headers }));
      expect(viaNode.status, c.name).toBe(c.status);
      expect(viaRoute.status, c.name).toBe(c.status);
      const routeBody = (await viaRoute.json()) as unknown;
      // The same answer, but for the event ids each sent.
      expect(JSON.stringify(viaNode.body).replaceAll("node-", "ID-"), c.name).toBe(JSON.stringify(routeBody).replaceAll("route-", "ID-"));
      expect(viaNode.headers["content-type"], c.name).toBe("application/json");
      expect(viaNode.headers["retry-after"], c.name).toBe(viaRoute.headers.get("retry-after") ?? undefined);
    }
    expect(await t.db.event.count({ where: { eventId: { startsWith: "node-" } } })).toBe(4);
    expect(await t.db.event.count({ where: { eventId: { startsWith: "route-" } } })).toBe(4);
  });

  it("refuses a body past 5 MiB as it streams in, without reading the rest, and closes the connection", async () => {
    // Chunked (no Content-Length): the limit is found while reading. The client keeps sending, up to 64 MiB; it
    // sees the 413 (with Connection: close) or, when the close overtakes its reading of the answer, a reset.
    // Either way it must not have got to send everything: the server stopped reading.
    const outcome = await new Promise<{ status: number | null; connection?: string; sent: number }>((resolve) => {
      let sent = 0;
      const req = request(`${origin}/api/ingest`, { method: "POST", headers: { authorization: `Bearer ${key}`, "content-type": "application/json" } }, (res) => {
        res.resume();
        resolve({ status: res.statusCode!, connection: res.headers.connection, sent });
      });
      req.on("error", () => resolve({ status: null, sent }));
      const chunk = Buffer.alloc(256 * 1024, " ");
      const pump = () => {
        while (sent < 64 * 1024 * 1024) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once("drain", pump);
        }
        req.end();
      };
      pump();
    });
    if (outcome.status !== null) {
      expect(outcome.status).toBe(413);
      expect(outcome.connection).toBe("close");
    }
    expect(outcome.sent).toBeLessThan(32 * 1024 * 1024);
  });
});
