import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { generateApiKey, hashApiKey } from "@/lib/auth/api-keys.ts";
import type { SessionUser } from "@/lib/db/users.ts";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-db.ts";
import { authenticateApiKey } from "./authenticate-api-key.ts";
import { createApiKey, createApiKeyAsSystem } from "./create-api-key.ts";
import { listApiKeys, listApiKeyTargets } from "./list-api-keys.ts";
import { revokeApiKey, revokeApiKeyAsSystem } from "./revoke-api-key.ts";

let t: TestDatabase;
const users: Record<"admin" | "alice" | "bob" | "eve", SessionUser> = {} as never;
const serviceIds: Record<"chat" | "rag", string> = {} as never;
const now = new Date("2026-11-26T12:00:00Z");
const at = (user: SessionUser, when = now) => ({ user, now: when });
const bearer = (key: string) => `Bearer ${key}`;
const secrets: string[] = [];

async function create(user: SessionUser, service: string, scopes: ("ingest" | "read" | "propose")[] = ["ingest"]) {
  const created = await createApiKey(at(user), { name: `${user.email} ${service}`, service, scopes });
  secrets.push(created.key);
  return created;
}

beforeAll(async () => {
  t = await createTestDatabase();
  const roles = { admin: "admin", alice: "owner", bob: "owner", eve: "engineer" } as const;
  for (const [name, role] of Object.entries(roles) as [keyof typeof roles, string][]) {
    const row = await t.db.user.create({ data: { email: `${name}@x.test`, name, role, passwordHash: "x" } });
    users[name] = { id: row.id, email: row.email, name: row.name, role: roles[name] };
  }
  for (const [slug, owner] of [["chat", users.alice], ["rag", users.bob]] as const) {
    const row = await t.db.service.create({
      data: { slug, name: slug.toUpperCase(), businessUnit: "bu", riskTier: "low", owners: { create: [{ userId: owner.id }] } },
    });
    serviceIds[slug] = row.id;
  }
});
afterAll(async () => {
  await t?.drop();
});

describe(`API keys (${process.env.VITALS_TEST_DB})`, () => {
  it("lets owners create keys for their own services only, and admins for any or all", async () => {
    const own = await create(users.alice, "chat", ["read", "ingest", "read"]);
    expect(own.record).toMatchObject({ service: { slug: "chat" }, scopes: ["ingest", "read"], createdByEmail: "alice@x.test" });
    await expect(create(users.alice, "rag")).rejects.toMatchObject({ status: 403 });
    await expect(create(users.alice, "*")).rejects.toMatchObject({ status: 403 });
    await expect(create(users.eve, "chat")).rejects.toMatchObject({ status: 403 });
    expect((await create(users.admin, "rag")).record.service?.slug).toBe("rag");
    expect((await create(users.admin, "*", ["read"])).record.service).toBeNull();
    await expect(create(users.admin, "nope")).rejects.toMatchObject({ status: 404 });
  });

  it("rejects bad input with messages a person can act on", async () => {
    const bad = createApiKey(at(users.admin), { name: " ", service: "Chat!", scopes: [] });
    await expect(bad).rejects.toBeInstanceOf(ZodError);
    const issues = await bad.catch((e: ZodError) => e.issues.map((i) => `${i.path.join(".")}: ${i.message}`));
    expect(issues).toEqual([
      expect.stringMatching(/^name: Give the key a name/),
      expect.stringMatching(/^service: Expected a service slug/),
      expect.stringMatching(/^scopes: Choose at least one scope/),
    ]);
  });

  it("stores the prefix and the sha256 hash, never the key", async () => {
    const { key, record } = await create(users.alice, "chat");
    const row = await t.db.apiKey.findUniqueOrThrow({ where: { id: record.id }, omit: { hash: false } });
    expect(key.startsWith(`${row.prefix}_`)).toBe(true);
    expect(row.hash).toBe(hashApiKey(key));
    expect(Object.values(row).some((v) => typeof v === "string" && v.includes(key.slice(row.prefix.length)))).toBe(false);
    expect(record).not.toHaveProperty("hash");
  });

  it("authenticates a key into its principal and rejects anything else", async () => {
    const { key, record } = await create(users.alice, "chat", ["ingest"]);
    expect(await authenticateApiKey(bearer(key), now)).toEqual({
      kind: "api-key",
      keyId: record.id,
      serviceId: serviceIds.chat,
      scopes: ["ingest"],
      label: record.prefix,
    });
    const wellFormedButUnknown = generateApiKey().key;
    for (const header of [null, "", key, `Basic ${key}`, "Bearer lvk_zz", bearer(wellFormedButUnknown)]) {
      expect(await authenticateApiKey(header, now)).toBeNull();
    }
  });

  it("records lastUsedAt at most once a minute", async () => {
    const { key, record } = await create(users.admin, "*", ["read"]);
    const lastUsed = async () => (await t.db.apiKey.findUniqueOrThrow({ where: { id: record.id } })).lastUsedAt;
    expect(await lastUsed()).toBeNull();
    await authenticateApiKey(bearer(key), now);
    expect(await lastUsed()).toEqual(now);
    await authenticateApiKey(bearer(key), new Date(now.getTime() + 30_000));
    expect(await lastUsed()).toEqual(now);
    const later = new Date(now.getTime() + 61_000);
    await authenticateApiKey(bearer(key), later);
    expect(await lastUsed()).toEqual(later);
  });

  it("lists every key for admins and the owned services' keys for owners", async () => {
    const all = await listApiKeys(at(users.admin));
    expect(all.length).toBe(await t.db.apiKey.count());
    const alices = await listApiKeys(at(users.alice));
    expect(alices.length).toBeGreaterThan(0);
    expect(alices.every((k) => k.service?.slug === "chat")).toBe(true);
    await expect(listApiKeys(at(users.eve))).rejects.toMatchObject({ status: 403 });
    expect(await listApiKeyTargets(at(users.bob))).toEqual({ allServices: false, services: [{ id: serviceIds.rag, slug: "rag", name: "RAG" }] });
    expect((await listApiKeyTargets(at(users.admin))).allServices).toBe(true);
  });

  it("revokes once: a revoked key stops authenticating, a second revoke is a 409", async () => {
    const { key, record } = await create(users.alice, "chat");
    const results = await Promise.allSettled([revokeApiKey(at(users.alice), record.id), revokeApiKey(at(users.admin), record.id)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.find((r) => r.status === "rejected")).toMatchObject({ reason: { status: 409 } });
    expect(await authenticateApiKey(bearer(key), now)).toBeNull();
    const row = await t.db.apiKey.findUniqueOrThrow({ where: { id: record.id } });
    expect(row.revokedAt).toEqual(now);
    expect(await t.db.auditLog.count({ where: { action: "apikey.revoke", targetId: record.id } })).toBe(1);
  });

  it("hides keys the user does not manage behind a 404", async () => {
    const rag = await create(users.bob, "rag");
    const all = await create(users.admin, "*");
    await expect(revokeApiKey(at(users.alice), rag.record.id)).rejects.toMatchObject({ status: 404 });
    await expect(revokeApiKey(at(users.alice), all.record.id)).rejects.toMatchObject({ status: 404 });
    await expect(revokeApiKey(at(users.alice), "missing")).rejects.toMatchObject({ status: 404 });
    await expect(revokeApiKey(at(users.eve), rag.record.id)).rejects.toMatchObject({ status: 403 });
    expect(await authenticateApiKey(bearer(rag.key), now)).not.toBeNull();
  });

  it("creates and revokes as the system for the CLI", async () => {
    const created = await createApiKeyAsSystem({ name: "pipeline", serviceId: serviceIds.rag, scopes: ["ingest"], actorLabel: "cli" }, now);
    secrets.push(created.key);
    expect(created.record).toMatchObject({ createdByEmail: null, service: { slug: "rag" } });
    await expect(
      createApiKeyAsSystem({ name: "x", serviceId: "missing", scopes: ["ingest"], actorLabel: "cli" }, now),
    ).rejects.toMatchObject({ status: 404 });
    await revokeApiKeyAsSystem(created.record.prefix, "cli", now);
    await expect(revokeApiKeyAsSystem(created.record.id, "cli", now)).rejects.toMatchObject({ status: 409 });
    await expect(revokeApiKeyAsSystem("lvk_00000000", "cli", now)).rejects.toMatchObject({ status: 404 });
    const rows = await t.db.auditLog.findMany({ where: { targetId: created.record.id }, orderBy: { id: "asc" } });
    expect(rows.map((r) => [r.action, r.actorId, r.actorLabel])).toEqual([
      ["apikey.create", null, "cli"],
      ["apikey.revoke", null, "cli"],
    ]);
  });

  it("issues propose keys to people only: a propose key acts for its creator", async () => {
    const own = await create(users.alice, "chat", ["propose", "read"]);
    const row = await t.db.apiKey.findUniqueOrThrow({ where: { id: own.record.id } });
    expect(row).toMatchObject({ scopes: "propose,read", createdById: users.alice.id });
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: "apikey.create", targetId: own.record.id } });
    expect(JSON.parse(audit.after!)).toMatchObject({ scopes: ["propose", "read"] });
    const bad = createApiKeyAsSystem({ name: "ci", serviceId: serviceIds.chat, scopes: ["propose"], actorLabel: "cli" }, now);
    await expect(bad).rejects.toBeInstanceOf(ZodError);
    await expect(bad.catch((e: ZodError) => e.issues[0]?.message)).resolves.toMatch(/acts for the person who creates it/);
  });

  it("writes audit rows with the prefix but never the key or its hash", async () => {
    const rows = await t.db.auditLog.findMany({ where: { targetType: "api_key" } });
    const keys = await t.db.apiKey.findMany({ omit: { hash: false } });
    expect(rows.filter((r) => r.action === "apikey.create")).toHaveLength(keys.length);
    const text = JSON.stringify(rows);
    expect(secrets.length).toBeGreaterThan(5);
    // The part after the prefix is what makes a key secret; the prefix itself is meant to be there.
    for (const secret of secrets) expect(text).not.toContain(secret.slice("lvk_12345678_".length));
    for (const k of keys) expect(text).not.toContain(k.hash);
    const created = rows.find((r) => r.action === "apikey.create" && r.targetId === keys[0]!.id)!;
    expect(JSON.parse(created.after!)).toMatchObject({ prefix: keys[0]!.prefix });
  });
});
