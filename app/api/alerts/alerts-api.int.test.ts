import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/db/users.ts";
import { createApiKeyAsSystem } from "@/lib/services/api-keys/create-api-key.ts";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-db.ts";

// The alerts API's HTTP contract: who may call what, and the status codes. The browser session is stubbed
// (next-auth needs a request scope); everything below it — routes, use cases, database — is real.

let sessionUser: SessionUser | null = null;
vi.mock("@/lib/auth/session.ts", () => ({ getCurrentUser: async () => sessionUser }));

const { GET: list } = await import("./route.ts");
const { GET: one } = await import("./[id]/route.ts");
const { POST: acknowledge } = await import("./[id]/acknowledge/route.ts");
const { POST: resolve } = await import("./[id]/resolve/route.ts");

let t: TestDatabase;
const users: Record<"erin" | "vic", SessionUser> = {} as never;
let chatId = "";
let ragKey = "";

type Handler = (req: Request, ctx: { params: Promise<{ id: string }> }) => Promise<Response>;
async function call(handler: Handler, path: string, init: { method?: string; key?: string; body?: string; id?: string } = {}) {
  const headers: Record<string, string> = init.key ? { authorization: `Bearer ${init.key}` } : {};
  const req = new Request(`http://localhost${path}`, { method: init.method ?? "GET", headers, body: init.body ?? null });
  const res = await handler(req, { params: Promise.resolve({ id: init.id ?? "" }) });
  return { status: res.status, body: await res.json() };
}

async function firingAlert(serviceId: string): Promise<string> {
  const row = await t.db.alert.create({
    data: { serviceId, severity: "critical", state: "firing", alertKey: "k", pendingSince: new Date(Date.now() - 600_000), firingSince: new Date(Date.now() - 300_000) },
  });
  return row.id;
}

beforeAll(async () => {
  t = await createTestDatabase();
  for (const [name, role] of [["erin", "engineer"], ["vic", "viewer"]] as const) {
    const row = await t.db.user.create({ data: { email: `${name}@x.test`, name, role, passwordHash: "x" } });
    users[name] = { id: row.id, email: row.email, name: row.name, role };
  }
  chatId = (await t.db.service.create({ data: { slug: "chat", name: "Chat", businessUnit: "bu", riskTier: "low" } })).id;
  const rag = await t.db.service.create({ data: { slug: "rag", name: "RAG", businessUnit: "bu", riskTier: "low" } });
  ragKey = (await createApiKeyAsSystem({ name: "rag", serviceId: rag.id, scopes: ["read"], actorLabel: "test" })).key;
  await firingAlert(rag.id);
});
afterAll(async () => {
  await t?.drop();
});
beforeEach(() => {
  sessionUser = null;
});

describe(`the alerts API (${process.env.VITALS_TEST_DB})`, () => {
  it("lists for a session or a read key; a key for one service sees only that service's alerts", async () => {
    const id = await firingAlert(chatId);
    expect((await call(list, "/api/alerts")).status).toBe(401);
    sessionUser = users.vic;
    const all = await call(list, "/api/alerts");
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(2);
    sessionUser = null;
    const scoped = await call(list, "/api/alerts", { key: ragKey });
    expect(scoped.body.alerts.map((a: { service: { slug: string } }) => a.service.slug)).toEqual(["rag"]);
    expect((await call(one, `/api/alerts/${id}`, { key: ragKey, id })).status).toBe(404);
  });

  it("answers a bad query with a 400 naming each parameter", async () => {
    sessionUser = users.vic;
    const bad = await call(list, "/api/alerts?state=loud&page=0&colour=red");
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues.map((i: { path: string }) => i.path).sort()).toEqual(["(root)", "page", "state"]);
  });

  it("acknowledges and resolves for a signed-in engineer only: 401, 403, 404, 409", async () => {
    const id = await firingAlert(chatId);
    const post = (handler: Handler, extra: { key?: string; body?: string } = {}) => call(handler, `/api/alerts/${id}/x`, { method: "POST", id, ...extra });
    expect((await post(acknowledge)).status).toBe(401);
    expect((await post(acknowledge, { key: ragKey })).status).toBe(401);
    sessionUser = users.vic;
    expect((await post(acknowledge)).status).toBe(403);
    expect((await post(resolve)).status).toBe(403);
    sessionUser = users.erin;
    expect((await call(acknowledge, "/api/alerts/nope/acknowledge", { method: "POST", id: "nope" })).status).toBe(404);
    const acked = await post(acknowledge);
    expect(acked).toMatchObject({ status: 200, body: { acknowledgedBy: { name: "erin" } } });
    expect(await post(acknowledge)).toMatchObject({ status: 409, body: { error: { code: "CONFLICT", message: "Already acknowledged by erin." } } });
    expect((await post(resolve, { body: "{not json" })).status).toBe(400);
    expect(await post(resolve, { body: JSON.stringify({ note: "done", extra: 1 }) })).toMatchObject({ status: 400, body: { error: { issues: [{ path: "(root)" }] } } });
    expect(await post(resolve, { body: JSON.stringify({ note: "rolled back" }) })).toMatchObject({ status: 200, body: { state: "resolved", resolvedBy: { name: "erin" } } });
    expect((await post(resolve)).status).toBe(409);
  });
});
