import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-db.ts";
import { revokeApiKey } from "../api-keys/revoke-api-key.ts";
import { seedGovernance, type Governance } from "../configs/governance-fixtures.ts";
import { proposeVersion } from "../configs/propose-version.ts";
import { reviewVersion } from "../configs/review-version.ts";
import { saveDraft } from "../configs/save-draft.ts";
import { listAudit } from "./list-audit.ts";
import { verifyAuditChain } from "./verify-audit.ts";

let t: TestDatabase;
let g: Governance;
const now = new Date("2026-11-26T12:00:00Z");

beforeAll(async () => {
  t = await createTestDatabase();
  g = await seedGovernance(t.db, now);
  // A chain of real mutations of two kinds.
  const draft = await saveDraft(g.at("owner"), "chat", { text: g.yaml("chat", (c) => (c.thresholds.warning = 85)), format: "yaml" });
  const proposal = await proposeVersion(g.at("owner"), draft.id, "warn earlier on the chat bot");
  await reviewVersion(g.at("approver"), proposal.id, { decision: "approve", comment: "fine" });
  await g.key("owner", "chat", ["read"]);
  const row = await t.db.apiKey.findFirstOrThrow();
  await revokeApiKey(g.at("admin"), row.id);
});
afterAll(async () => {
  await t?.drop();
});

describe(`the audit log (${process.env.VITALS_TEST_DB})`, () => {
  it("lists newest first with filters, for approvers and admins only", async () => {
    const all = await listAudit(g.at("approver"), {});
    expect(all.total).toBe(5);
    expect(all.rows.map((r) => r.action)).toEqual(["apikey.revoke", "apikey.create", "config.approve", "config.propose", "config.draft"]);
    const configs = await listAudit(g.at("admin"), { action: "config." });
    expect(configs.rows.map((r) => r.action)).toEqual(["config.approve", "config.propose", "config.draft"]);
    expect((await listAudit(g.at("admin"), { actor: "approver@" })).rows.map((r) => r.action)).toEqual(["config.approve"]);
    expect((await listAudit(g.at("admin"), { from: new Date(now.getTime() + 1) })).total).toBe(0);
    expect(configs.rows[0]!.after).toMatchObject({ status: "active" });
    await expect(listAudit(g.at("owner"), {})).rejects.toMatchObject({ status: 403 });
  });

  it("verifies the chain of real mutations", async () => {
    expect(await verifyAuditChain()).toEqual({ ok: true, rows: 5 });
  });

  it("fails at exactly the row whose content was altered", async () => {
    const rows = await t.db.auditLog.findMany({ orderBy: { id: "asc" } });
    const victim = rows[2]!;
    await t.db.auditLog.update({ where: { id: victim.id }, data: { after: JSON.stringify({ status: "rejected" }) } });
    expect(await verifyAuditChain()).toMatchObject({ ok: false, rows: 3, firstBrokenId: victim.id, reason: expect.stringMatching(/^hash mismatch/) });
    await t.db.auditLog.update({ where: { id: victim.id }, data: { after: victim.after } });
    expect((await verifyAuditChain()).ok).toBe(true);
  });

  it("fails at the row after one that was deleted", async () => {
    const rows = await t.db.auditLog.findMany({ orderBy: { id: "asc" } });
    await t.db.$executeRawUnsafe(`DELETE FROM "AuditLog" WHERE id = ${rows[1]!.id}`);
    expect(await verifyAuditChain()).toMatchObject({ ok: false, firstBrokenId: rows[2]!.id, reason: expect.stringMatching(/^prevHash/) });
  });
});
