// The bench's yardstick, run as its own process: `node --import tsx bench/lib/baseline-server.ts` with
// DATABASE_URL and PORT. A bare node:http server doing the irreducible part of POST /api/ingest — read the body,
// JSON.parse, the same zod validation (lib/schemas/ingest.ts), a deduplicating insert of the events in one
// transaction, with the production row encoding (lib/db/hot-path/codec.ts) — and nothing else: no auth, no rate
// guard, no service lookup per request (slugs are read once at start), no rollups. GET /health answers 200.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import Database from "better-sqlite3";
import pg from "pg";
import { providerOf } from "@/lib/db/database-url.ts";
import { dateEncoder, eventValues, insertEventsSql } from "@/lib/db/hot-path/codec.ts";
import type { TelemetryEvent } from "@/lib/domain/event.ts";
import { IngestEventInput } from "@/lib/schemas/ingest.ts";

const MAX_BODY_BYTES = 5 * 1024 * 1024;
const MAX_EVENTS = 1_000;
const MAX_FUTURE_MS = 5 * 60_000;
const RETENTION_MS = 30 * 86_400_000;

interface Service {
  id: string;
  storePrompts: boolean;
}
interface Row {
  service: Service;
  event: TelemetryEvent;
}
/** Stores the rows in one transaction; returns how many were new. */
type Insert = (rows: readonly Row[], receivedAt: Date) => Promise<number>;

const url = process.env.DATABASE_URL ?? "";
const { services, insert } = providerOf(url) === "postgres" ? await openPostgres(url) : openSqlite(url);

async function openPostgres(connectionString: string): Promise<{ services: Map<string, Service>; insert: Insert }> {
  const pool = new pg.Pool({ connectionString });
  const { rows } = await pool.query<{ id: string; slug: string; storePrompts: boolean }>(`SELECT "id", "slug", "storePrompts" FROM "Service"`);
  const insert: Insert = async (batch, receivedAt) => {
    const date = dateEncoder("pg-text");
    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      // One multi-row statement (22 parameters a row: 1,000 rows stay under PostgreSQL's 65,535).
      const params = batch.flatMap(({ service, event }) => eventValues(service.id, event, { storePrompts: service.storePrompts, receivedAt }, date));
      const result = batch.length > 0 ? await client.query(insertEventsSql(batch.length, "postgres"), params) : { rowCount: 0 };
      await client.query("COMMIT");
      return result.rowCount ?? 0;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  };
  return { services: new Map(rows.map((r) => [r.slug, { id: r.id, storePrompts: r.storePrompts }])), insert };
}

function openSqlite(fileUrl: string): { services: Map<string, Service>; insert: Insert } {
  const db = new Database(fileUrl.replace(/^file:/, ""));
  // As the production connection (lib/db/hot-path/connection.ts).
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("foreign_keys = ON");
  const rows = db.prepare(`SELECT "id", "slug", "storePrompts" FROM "Service"`).all() as { id: string; slug: string; storePrompts: number }[];
  // One prepared single-row statement, as the production SQLite store: `changes` says whether the row was new.
  const statement = db.prepare(insertEventsSql(1, "sqlite").replace(/ RETURNING "eventId"$/, ""));
  const write = db.transaction((batch: readonly Row[], receivedAt: Date) => {
    const date = dateEncoder("sqlite-text");
    let fresh = 0;
    for (const { service, event } of batch) fresh += statement.run(eventValues(service.id, event, { storePrompts: service.storePrompts, receivedAt }, date)).changes;
    return fresh;
  });
  return {
    services: new Map(rows.map((r) => [r.slug, { id: r.id, storePrompts: r.storePrompts === 1 }])),
    insert: async (batch, receivedAt) => write.immediate(batch, receivedAt),
  };
}

function readBody(req: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on("end", () => resolve(size > MAX_BODY_BYTES ? null : Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

async function ingest(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const now = new Date();
  const body = await readBody(req);
  if (body === null) return send(res, 413, { error: "too large" });
  let envelope: unknown;
  try {
    envelope = JSON.parse(body.toString("utf8"));
  } catch {
    return send(res, 400, { error: "not JSON" });
  }
  const events = (envelope as { events?: unknown }).events;
  if (!Array.isArray(events)) return send(res, 400, { error: "no events array" });
  if (events.length > MAX_EVENTS) return send(res, 413, { error: "too many events" });
  const accepted: Row[] = [];
  const rejected: { index: number; errors: unknown }[] = [];
  events.forEach((raw, index) => {
    const parsed = IngestEventInput.safeParse(raw);
    if (!parsed.success) return rejected.push({ index, errors: parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })) });
    const service = services.get(parsed.data.service);
    const at = parsed.data.event.timestamp.getTime();
    if (!service || at > now.getTime() + MAX_FUTURE_MS || at <= now.getTime() - RETENTION_MS) return rejected.push({ index, errors: [] });
    accepted.push({ service, event: parsed.data.event });
  });
  const fresh = await insert(accepted, now);
  const status = rejected.length === 0 ? 200 : rejected.length === events.length ? 422 : 207;
  send(res, status, { accepted: fresh, duplicates: accepted.length - fresh, rejected });
}

const server = createServer((req, res) => {
  if (req.method === "GET" && req.url === "/health") return send(res, 200, { status: "ok" });
  if (req.method !== "POST" || req.url !== "/api/ingest") return send(res, 404, { error: "not found" });
  ingest(req, res).catch((error: Error) => {
    console.error(error);
    send(res, 503, { error: "unavailable" });
  });
});
server.keepAliveTimeout = 65_000;
server.listen(Number(process.env.PORT ?? 0), "127.0.0.1");
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 1_000).unref();
  });
}
