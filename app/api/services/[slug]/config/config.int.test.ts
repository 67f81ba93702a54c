import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { parseScoreConfig } from "@/lib/schemas/score-config.ts";
import { seedGovernance, type Governance, type Who } from "@/lib/services/configs/governance-fixtures.ts";
import { jsonRequest } from "@/lib/testing/route.ts";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-db.ts";
import { POST as propose } from "./proposals/route.ts";
import { GET } from "./route.ts";

// The session is faked at its source (next-auth's auth()); everything above it — the database re-read of the
// user, roles, permissions — runs for real.
const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("@/lib/auth/auth.ts", () => ({ auth: async () => (session.userId ? { user: { id: session.userId } } : null) }));

let t: TestDatabase;
let g: Governance;
const now = new Date();
const signIn = (who: Who | null) => (session.userId = who ? g.users[who].id : null);
const params = (slug: string) => ({ params: Promise.resolve({ slug }) });

async function get(slug: string, headers: Record<string, string> = {}) {
  const res = await GET(new Request(`http://localhost/api/services/${slug}/config`, { headers }), params(slug));
  return { status: res.status, type: res.headers.get("content-type"), version: res.headers.get("x-config-version"), text: await res.text() };
}

async function post(slug: string, body: unknown, key?: string) {
  const headers: Record<string, string> = key ? { authorization: `Bearer ${key}` } : {};
  const res = await propose(jsonRequest(`/api/services/${slug}/config/proposals`, { body, headers }), params(slug));
  return { status: res.status, body: await res.json() };
}

const proposal = (slug: "chat" | "rag", warning = 85) => ({
  config: g.yaml(slug, (c) => (c.thresholds.warning = warning)), format: "yaml", rationale: "from the config repository",
});

beforeAll(async () => {
  t = await createTestDatabase();
  g = await seedGovernance(t.db, now);
});
afterAll(async () => {
  await t?.drop();
});

describe(`config as code over HTTP (${process.env.VITALS_TEST_DB})`, () => {
  it("exports the active config as JSON by default and YAML on request, with its version", async () => {
    signIn("viewer");
    const json = await get("chat");
    expect(json).toMatchObject({ status: 200, version: "1", type: expect.stringContaining("application/json") });
    const yaml = await get("chat", { accept: "application/yaml" });
    expect(yaml.type).toContain("application/yaml");
    const fromJson = parseScoreConfig(json.text, "json");
    const fromYaml = parseScoreConfig(yaml.text, "yaml");
    expect(fromJson.ok && fromYaml.ok && fromJson.config).toEqual(fromYaml.ok && fromYaml.config);
    expect((await get("chat", { accept: "text/yaml" })).text).toBe(yaml.text);
  });

  it("reads with a read key of the service, and refuses everything else", async () => {
    signIn(null);
    expect((await get("chat")).status).toBe(401);
    const read = await g.key("owner", "chat", ["read"]);
    expect((await get("chat", { authorization: `Bearer ${read}` })).status).toBe(200);
    expect((await get("rag", { authorization: `Bearer ${read}` })).status).toBe(404);
    const ingest = await g.key("owner", "chat", ["ingest"]);
    expect((await get("chat", { authorization: `Bearer ${ingest}` })).status).toBe(403);
    expect((await get("chat", { authorization: "Bearer lvk_nope" })).status).toBe(401);
    signIn("viewer");
    expect((await get("nope")).status).toBe(404);
  });

  it("creates a pending proposal with a propose key, made as the key's creator", async () => {
    signIn(null);
    const key = await g.key("owner", "chat", ["propose"]);
    const res = await post("chat", proposal("chat"), key);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: "pending", author: { email: "owner@gov.test" }, diff: [{ path: "thresholds.warning", after: 85 }] });
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: "config.propose", targetId: res.body.id } });
    expect(audit.actorLabel).toBe("owner@gov.test");
    expect(JSON.parse(audit.after!)).toMatchObject({ via: key.slice(0, 12) });
  });

  it("holds a propose key to its scope, its service and its creator's current rights", async () => {
    signIn(null);
    const read = await g.key("owner", "chat", ["read"]);
    expect((await post("chat", proposal("chat"), read)).status).toBe(403);
    const chatKey = await g.key("owner", "chat", ["propose"]);
    expect((await post("rag", proposal("rag"), chatKey)).status).toBe(403);
    // An admin's all-services key proposes anywhere; an owner's key only where its creator owns the service.
    const adminKey = await g.key("admin", "*", ["propose"]);
    expect((await post("rag", proposal("rag"), adminKey)).status).toBe(201);
    // Demoted, the creator's key proposes nothing; disabled, it acts for nobody.
    await t.db.user.update({ where: { id: g.users.owner.id }, data: { role: "engineer" } });
    expect((await post("chat", proposal("chat"), chatKey)).status).toBe(403);
    await t.db.user.update({ where: { id: g.users.owner.id }, data: { role: "owner", disabled: true } });
    expect((await post("chat", proposal("chat"), chatKey)).status).toBe(403);
    await t.db.user.update({ where: { id: g.users.owner.id }, data: { disabled: false } });
    expect((await post("chat", proposal("chat"), "lvk_bad")).status).toBe(401);
  });

  it("answers 422 with each problem for a bad config, 400 for a bad body", async () => {
    signIn("owner");
    const bad = await post("chat", { config: "service: chat\nthresholds: { warning: 0.8, critical: 60 }\n", format: "yaml", rationale: "try a bad one" });
    expect(bad.status).toBe(422);
    expect(bad.body.error.issues).toEqual(expect.arrayContaining([
      expect.objectContaining({ path: "thresholds.warning", line: 2, message: expect.stringContaining("did you mean 80") }),
    ]));
    expect((await post("chat", { ...proposal("chat"), rationale: "short" })).status).toBe(400);
    expect((await post("chat", { config: 42 })).status).toBe(400);
    const asForm = new Request("http://localhost/api/services/chat/config/proposals", { method: "POST", headers: { "content-type": "text/plain" }, body: JSON.stringify(proposal("chat")) });
    expect((await propose(asForm, params("chat"))).status).toBe(415);
  });

  it("accepts an owner's session, and refuses other roles and the signed-out", async () => {
    signIn("owner");
    expect((await post("chat", proposal("chat", 86))).status).toBe(201);
    signIn("owner2");
    expect((await post("chat", proposal("chat"))).status).toBe(403);
    signIn("engineer");
    expect((await post("chat", proposal("chat"))).status).toBe(403);
    signIn(null);
    expect((await post("chat", proposal("chat"))).status).toBe(401);
  });
});
