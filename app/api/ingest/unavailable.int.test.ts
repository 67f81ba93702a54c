import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { switchDatabase } from "@/lib/db/client.ts";
import { createApiKeyAsSystem } from "@/lib/services/api-keys/create-api-key.ts";
import { jsonRequest } from "@/lib/testing/route.ts";
import { TcpProxy } from "@/lib/testing/tcp-proxy.ts";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-db.ts";
import { POST } from "./route.ts";

// PostgreSQL goes away under the server: ingest answers 503 with Retry-After, stores nothing, and recovers by
// itself when the database is back. The server reaches the database through a proxy the test can cut.
describe.runIf(process.env.VITALS_TEST_DB === "postgres")("ingest while PostgreSQL is unavailable", () => {
  let t: TestDatabase;
  let key: string;
  const proxy = new TcpProxy("127.0.0.1", 5432);

  beforeAll(async () => {
    t = await createTestDatabase();
    const service = await t.db.service.create({ data: { slug: "chat", name: "Chat", businessUnit: "bu", riskTier: "low" } });
    key = (await createApiKeyAsSystem({ name: "k", serviceId: service.id, scopes: ["ingest"], actorLabel: "test" })).key;
    await proxy.start();
    const url = new URL(t.url);
    url.port = String(proxy.port);
    await switchDatabase(url.toString());
  });
  afterAll(async () => {
    await proxy.stop();
    await t?.drop();
  });

  const send = (id: string) =>
    POST(
      jsonRequest("/api/ingest", {
        body: { events: [{ event_id: id, service: "chat", timestamp: new Date().toISOString(), latency_ms: 5 }] },
        headers: { authorization: `Bearer ${key}` },
      }),
    );

  it("answers 503 with Retry-After while the database is down, then recovers", async () => {
    expect((await send("before")).status).toBe(200);

    await proxy.stop();
    const down = await send("during");
    expect(down.status).toBe(503);
    expect(Number(down.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await down.json()).error.code).toBe("UNAVAILABLE");

    await proxy.start();
    // The client retries what got a 503; the same pool reconnects without a restart.
    let status = 0;
    for (let attempt = 0; attempt < 20 && status !== 200; attempt++) {
      status = (await send("during")).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 250));
    }
    expect(status).toBe(200);
    const stored = await t.db.event.findMany({ select: { eventId: true }, orderBy: { eventId: "asc" } });
    expect(stored.map((e) => e.eventId)).toEqual(["before", "during"]);
  });
});
