import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "@/lib/auth/permissions.ts";
import { findActiveConfig } from "@/lib/db/score-configs.ts";
import type { SessionUser } from "@/lib/db/users.ts";
import { templateFor } from "@/lib/domain/score/templates.ts";
import { zodIssues } from "@/lib/errors.ts";
import type { CreateServiceInput } from "@/lib/schemas/services.ts";
import { getServiceHealth } from "@/lib/services/health/get-service-health.ts";
import { ingestEvents } from "@/lib/services/ingest/ingest-events.ts";
import { drainPending } from "@/lib/services/rollups/fold-pending.ts";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-db.ts";
import { createService } from "./create-service.ts";
import { listManagedServices } from "./list-managed-services.ts";
import { updateService } from "./update-service.ts";

let t: TestDatabase;
const users = {} as Record<Role, SessionUser>;
// Minute-aligned and in the past, so the events' rollup buckets are closed when the window is read.
const T = Math.floor(Date.now() / 60_000) * 60_000 - 5 * 60_000;
const now = new Date(T);
const as = (role: Role) => ({ user: users[role], now });

const input = (over: Partial<CreateServiceInput> = {}): CreateServiceInput => ({
  slug: "claims-triage", name: "Claims triage", description: "Routes insurance claims.", businessUnit: "insurance", riskTier: "high",
  storePrompts: true, ownerIds: [users.owner.id], template: "generic", ...over,
});

/** The ZodError's issues as the API reports them, or the AppError's status. */
async function failure(work: Promise<unknown>): Promise<unknown> {
  try {
    await work;
  } catch (error) {
    return "issues" in (error as object) ? zodIssues(error as never) : { status: (error as { status?: number }).status, message: (error as Error).message };
  }
  throw new Error("expected a failure");
}

beforeAll(async () => {
  t = await createTestDatabase();
  for (const role of ["viewer", "engineer", "owner", "approver", "admin"] as const) {
    const row = await t.db.user.create({ data: { email: `${role}@svc.test`, name: role, role, passwordHash: "x" } });
    users[role] = { id: row.id, email: row.email, name: row.name, role };
  }
});
afterAll(async () => {
  await t?.drop();
});

describe(`service administration (${process.env.VITALS_TEST_DB})`, () => {
  it.each(["viewer", "engineer", "owner", "approver"] as const)("refuses %s (403) and writes nothing", async (role) => {
    await expect(createService(as(role), input({ slug: `by-${role}` }))).rejects.toMatchObject({ status: 403 });
    await expect(updateService(as(role), { ...input(), slug: "claims-triage" })).rejects.toMatchObject({ status: 403 });
    await expect(listManagedServices(as(role))).rejects.toMatchObject({ status: 403 });
    expect(await t.db.service.count({ where: { slug: `by-${role}` } })).toBe(0);
  });

  it("creates a service with owners, an active v1 from the template, and one audit row", async () => {
    const { service, configVersion } = await createService(as("admin"), input());
    expect(service).toMatchObject({ slug: "claims-triage", name: "Claims triage", riskTier: "high", storePrompts: true, ownerEmails: ["owner@svc.test"] });
    expect(configVersion).toBe(1);
    const active = await findActiveConfig(t.db, service.id);
    expect(active?.config).toEqual(templateFor("generic", "claims-triage"));
    const version = await t.db.scoreConfigVersion.findFirstOrThrow({ where: { serviceId: service.id } });
    expect(version).toMatchObject({ version: 1, status: "active", authorId: users.admin.id, rationale: "Created from the Generic LLM service template." });
    const audit = await t.db.auditLog.findMany({ where: { action: "service.create", targetId: service.id } });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actorId).toBe(users.admin.id);
    expect(JSON.parse(audit[0]!.after!)).toEqual({
      slug: "claims-triage", name: "Claims triage", description: "Routes insurance claims.", businessUnit: "insurance", riskTier: "high",
      storePrompts: true, owners: ["owner@svc.test"], template: "generic", configVersion: 1,
    });
    const listed = await listManagedServices(as("admin"));
    expect(listed.find((s) => s.slug === "claims-triage")).toMatchObject({ configVersion: 1, ownerIds: [users.owner.id] });
  });

  it("is ingestible at once and scored by its template config", async () => {
    const events = Array.from({ length: 40 }, (_, i) => ({
      event_id: `c${i}`, service: "claims-triage", timestamp: new Date(T - (i + 1) * 60_000).toISOString(), latency_ms: 1_000, status: "ok",
    }));
    const result = await ingestEvents({ kind: "system", label: "test" }, events, now);
    expect(result).toMatchObject({ accepted: 40, rejected: [] });
    await drainPending({ now });
    const report = await getServiceHealth({ kind: "system", label: "test" }, "claims-triage", { at: now }, now);
    expect(report).toMatchObject({ service: "claims-triage", configVersion: 1, events: 40, window: "1h" });
    expect(report.components.map((c) => c.metric)).toEqual(templateFor("generic", "x").components.map((c) => c.metric));
    expect(report.components.find((c) => c.metric === "error.rate")).toMatchObject({ value: 0, samples: 40, normalized: 1 });
  });

  it("refuses a taken slug with a 409 and writes nothing", async () => {
    const before = await t.db.auditLog.count();
    expect(await failure(createService(as("admin"), input({ name: "Another" })))).toEqual({
      status: 409, message: 'A service with the slug "claims-triage" exists already; choose another slug.',
    });
    expect(await t.db.auditLog.count()).toBe(before);
    expect(await t.db.service.count({ where: { slug: "claims-triage" } })).toBe(1);
  });

  it("reports each bad field with its path and what was expected", async () => {
    const issues = await failure(
      createService(as("admin"), { ...input({ slug: "Claims Triage", name: " ", businessUnit: "" }), riskTier: "extreme" as never, template: "nope" as never }),
    );
    expect(issues).toEqual(
      expect.arrayContaining([
        { path: "slug", message: "Use lowercase letters, digits and single dashes, e.g. support-chatbot (events name the service by it)." },
        { path: "name", message: "Give the service a name, e.g. Support chatbot." },
        { path: "businessUnit", message: "Say which business unit runs the service, e.g. support; reports roll up by it." },
        { path: "riskTier", message: "Choose a risk tier: low, medium, high, critical." },
        { path: "template", message: "Choose a score template: support-chatbot, legal-rag, marketing-copy, financial-pipeline, generic." },
      ]),
    );
  });

  it("refuses owners that are not users (400)", async () => {
    expect(await failure(createService(as("admin"), input({ slug: "ghost-owned", ownerIds: ["no-such-user"] })))).toMatchObject({ status: 400 });
    expect(await t.db.service.count({ where: { slug: "ghost-owned" } })).toBe(0);
  });

  it("updates everything but the slug, audited with before and after; an unchanged save writes nothing", async () => {
    const edit: CreateServiceInput = { ...input(), name: "Claims triage v2", riskTier: "critical", storePrompts: false, ownerIds: [users.engineer.id, users.approver.id] };
    const after = await updateService(as("admin"), edit);
    expect(after).toMatchObject({ slug: "claims-triage", name: "Claims triage v2", riskTier: "critical", storePrompts: false, ownerEmails: ["approver@svc.test", "engineer@svc.test"] });
    const rows = await t.db.auditLog.findMany({ where: { action: "service.update", targetId: after.id } });
    expect(rows).toHaveLength(1);
    expect(JSON.parse(rows[0]!.before!)).toMatchObject({ name: "Claims triage", riskTier: "high", storePrompts: true, owners: ["owner@svc.test"] });
    expect(JSON.parse(rows[0]!.after!)).toMatchObject({ name: "Claims triage v2", riskTier: "critical", storePrompts: false, owners: ["approver@svc.test", "engineer@svc.test"] });
    await updateService(as("admin"), edit);
    expect(await t.db.auditLog.count({ where: { action: "service.update", targetId: after.id } })).toBe(1);
    // The config is untouched: changes to it go through review.
    expect(await t.db.scoreConfigVersion.count({ where: { serviceId: after.id } })).toBe(1);
  });

  it("an unknown slug is a 404", async () => {
    expect(await failure(updateService(as("admin"), { ...input(), slug: "missing" }))).toMatchObject({ status: 404 });
  });
});
