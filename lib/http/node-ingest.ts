import type { IncomingMessage, ServerResponse } from "node:http";
import { ingestRequest } from "./ingest-request.ts";
import { tooLarge, type BodySource } from "./read-body.ts";

// POST /api/ingest straight on node:http, for the production server (scripts/server.mjs), which routes this one
// path here before Next.js's router. The answer is the route handler's (ingest-request.ts); what is saved is the
// framework's work per request — routing, Request and Response objects, web streams — about a millisecond of CPU
// each (bench:ingest: 4× the events/s at one event a batch, +25 % at 100).

export const INGEST_PATH = "/api/ingest";

/** Whether the production server should hand a request to serveIngest. */
export function isIngestRequest(req: IncomingMessage): boolean {
  if (req.method !== "POST" || !req.url) return false;
  const query = req.url.indexOf("?");
  return (query === -1 ? req.url : req.url.slice(0, query)) === INGEST_PATH;
}

export async function serveIngest(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const source: BodySource = {
    header: (name) => {
      const value = req.headers[name];
      return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
    },
    readRaw: (maxBytes) => readLimited(req, maxBytes),
  };
  const reply = await ingestRequest(source);
  const text = JSON.stringify(reply.body);
  const headers: Record<string, string | number> = { ...reply.headers, "content-type": "application/json", "content-length": Buffer.byteLength(text) };
  // A body left unread (refused before reading, or too large) must not be read on as the next request of a
  // kept-alive connection: close it.
  if (!req.complete) headers.connection = "close";
  res.writeHead(reply.status, headers);
  res.end(text, () => {
    if (headers.connection === "close") req.destroy();
  });
}

/** The body as sent, at most `maxBytes`: past that it stops reading (the connection is closed after the 413). */
function readLimited(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const onData = (chunk: Buffer) => {
      total += chunk.length;
      if (total <= maxBytes) {
        chunks.push(chunk);
        return;
      }
      cleanup();
      req.pause();
      reject(tooLarge(maxBytes));
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks, total));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const cleanup = () => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onError);
    };
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onError);
  });
}
