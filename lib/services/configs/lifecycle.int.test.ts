import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findActiveConfig } from "@/lib/db/score-configs.ts";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-db.ts";
import { verifyAuditChain } from "../audit/verify-audit.ts";
import { activateDueVersions } from "./activate-due.ts";
import { getDraft, getVersion } from "./get-version.ts";
import { seedGovernance, type Governance } from "./governance-fixtures.ts";
import { listPendingReviews } from "./list-pending-reviews.ts";
import { listVersions } from "./list-versions.ts";
import { proposeVersion } from "./propose-version.ts";
import { reviewVersion } from "./review-version.ts";
import { proposeRollback } from "./rollback.ts";
import { saveDraft } from "./save-draft.ts";
import { withdrawVersion } from "./withdraw-version.ts";

let t: TestDatabase;
let g: Governance;
const now = new Date("2026-11-26T12:00:00Z");
const WHY = "tighten latency for the holiday peak";

beforeAll(async () => {
  t = await createTestDatabase();
  g = await seedGovernance(t.db, now);
});
afterAll(async () => {
  await t?.drop();
});

/** A pending proposal by the chat owner with warning at `warning`. */
async function pending(warning: number) {
  const draft = await saveDraft(g.at("owner"), "chat", { text: g.yaml("chat", (c) => (c.thresholds.warning = warning)), format: "yaml" });
  return proposeVersion(g.at("owner"), draft.id, WHY);
}
const activeVersion = async (slug: "chat" | "rag") => (await findActiveConfig(t.db, g.services[slug].id))?.version;
const statusOf = async (id: string) => (await t.db.scoreConfigVersion.findUniqueOrThrow({ where: { id } })).status;

describe(`config versions under four-eyes review (${process.env.VITALS_TEST_DB})`, () => {
  it("saves one draft per author, with a diff against the active version and the buttons the author may use", async () => {
    const first = await saveDraft(g.at("owner"), "chat", { text: g.yaml("chat", (c) => (c.thresholds.warning = 85)), format: "yaml" });
    const again = await saveDraft(g.at("owner"), "chat", { text: g.yaml("chat", (c) => (c.thresholds.warning = 86)), format: "yaml" });
    expect(again.id).toBe(first.id);
    expect(again.status).toBe("draft");
    expect(again.diff).toEqual([{ path: "thresholds.warning", kind: "changed", before: 80, after: 86 }]);
    expect(again.allowed).toEqual({ edit: true, propose: true, withdraw: true, review: false });
    expect((await getDraft(g.at("owner"), "chat"))?.config.thresholds.warning).toBe(86);
    // Someone else's draft is invisible to them, and an engineer cannot draft at all.
    await expect(getVersion(g.at("approver"), first.id)).rejects.toMatchObject({ status: 404 });
    await expect(saveDraft(g.at("engineer"), "chat", { text: g.yaml("chat"), format: "yaml" })).rejects.toMatchObject({ status: 403 });
    await expect(saveDraft(g.at("owner2"), "chat", { text: g.yaml("chat"), format: "yaml" })).rejects.toMatchObject({ status: 403 });
    await withdrawVersion(g.at("owner"), first.id);
  });

  it("rejects an invalid config with per-field issues, and a config for another service", async () => {
    const bad = saveDraft(g.at("owner"), "chat", { text: "service: chat\ncomponents: []\nthresholds: { warning: 0.8, critical: 60 }\n", format: "yaml" });
    await expect(bad).rejects.toMatchObject({ status: 400 });
    const issues = await bad.catch((e: { issues: { path: string; line?: number }[] }) => e.issues);
    expect(issues).toEqual(expect.arrayContaining([
      expect.objectContaining({ path: "components", line: 2 }),
      expect.objectContaining({ path: "thresholds.warning", line: 3 }),
    ]));
    await expect(saveDraft(g.at("owner"), "chat", { text: g.yaml("rag"), format: "yaml" })).rejects.toMatchObject({ issues: [{ path: "service" }] });
  });

  it("requires a rationale of 10 characters to propose", async () => {
    const draft = await saveDraft(g.at("owner"), "chat", { text: g.yaml("chat"), format: "yaml" });
    await expect(proposeVersion(g.at("owner"), draft.id, "because")).rejects.toMatchObject({ name: "ZodError" });
    await withdrawVersion(g.at("owner"), draft.id);
  });

  it("never lets the author approve their own proposal, admins included", async () => {
    const adminDraft = await saveDraft(g.at("admin"), "chat", { text: g.yaml("chat", (c) => (c.thresholds.critical = 55)), format: "yaml" });
    const proposed = await proposeVersion(g.at("admin"), adminDraft.id, WHY);
    expect(proposed.allowed.review).toBe(false);
    await expect(reviewVersion(g.at("admin"), proposed.id, { decision: "approve", comment: "" })).rejects.toMatchObject({ status: 403 });
    // Roles below approver cannot review anything.
    await expect(reviewVersion(g.at("owner"), proposed.id, { decision: "approve", comment: "" })).rejects.toMatchObject({ status: 403 });
    const rows = await listPendingReviews(g.at("admin"));
    expect(rows.find((r) => r.id === proposed.id)?.allowedReview).toBe(false);
    expect((await listPendingReviews(g.at("approver"))).find((r) => r.id === proposed.id)?.allowedReview).toBe(true);
    await withdrawVersion(g.at("admin"), proposed.id);
    expect(await statusOf(proposed.id)).toBe("withdrawn");
  });

  it("approves: the proposal becomes active and the previous active version superseded, at once", async () => {
    const before = await t.db.scoreConfigVersion.findFirstOrThrow({ where: { serviceId: g.services.chat.id, status: "active" } });
    const proposal = await pending(90);
    expect((await getVersion(g.at("approver"), proposal.id)).allowed.review).toBe(true);
    const approved = await reviewVersion(g.at("approver"), proposal.id, { decision: "approve", comment: "ok" });
    expect(approved).toMatchObject({ status: "active", reviewer: { email: "approver@gov.test" }, activatedAt: now.toISOString(), diff: [] });
    expect(await statusOf(before.id)).toBe("superseded");
    expect(await activeVersion("chat")).toBe(proposal.version);
    expect(await t.db.scoreConfigVersion.count({ where: { serviceId: g.services.chat.id, status: "active" } })).toBe(1);
  });

  it("schedules an approval for later and activates it when due", async () => {
    const proposal = await pending(91);
    const at = new Date(now.getTime() + 3_600_000);
    const approved = await reviewVersion(g.at("approver"), proposal.id, { decision: "approve", comment: "", activateAt: at });
    expect(approved).toMatchObject({ status: "approved", activateAt: at.toISOString() });
    expect(await activateDueVersions(new Date(at.getTime() - 1))).toBe(0);
    expect(await activateDueVersions(at)).toBe(1);
    expect(await statusOf(proposal.id)).toBe("active");
    expect(await activeVersion("chat")).toBe(proposal.version);
    expect(await activateDueVersions(at)).toBe(0);
  });

  it("rejects only with a comment", async () => {
    const proposal = await pending(92);
    await expect(reviewVersion(g.at("approver"), proposal.id, { decision: "reject", comment: " " })).rejects.toMatchObject({ name: "ZodError" });
    const rejected = await reviewVersion(g.at("approver"), proposal.id, { decision: "reject", comment: "too noisy at night" });
    expect(rejected).toMatchObject({ status: "rejected", reviewComment: "too noisy at night" });
    await expect(reviewVersion(g.at("approver2"), proposal.id, { decision: "approve", comment: "" })).rejects.toMatchObject({ status: 409 });
  });

  it("withdraws a pending version when it is edited, and when the author proposes again", async () => {
    const first = await pending(93);
    const edited = await saveDraft(g.at("owner"), "chat", { text: g.yaml("chat", (c) => (c.thresholds.warning = 94)), format: "yaml", fromVersionId: first.id });
    expect(await statusOf(first.id)).toBe("withdrawn");
    expect(edited).toMatchObject({ status: "draft" });
    expect(edited.id).not.toBe(first.id);
    const second = await proposeVersion(g.at("owner"), edited.id, WHY);
    const third = await pending(95);
    expect(await statusOf(second.id)).toBe("withdrawn");
    expect(await statusOf(third.id)).toBe("pending");
    // A fromVersionId of another service's version withdraws nothing.
    await expect(saveDraft(g.at("owner2"), "rag", { text: g.yaml("rag"), format: "yaml", fromVersionId: third.id })).resolves.toMatchObject({ status: "draft" });
    expect(await statusOf(third.id)).toBe("pending");
    await withdrawVersion(g.at("owner"), third.id);
    await expect(withdrawVersion(g.at("owner"), third.id)).rejects.toMatchObject({ status: 409 });
  });

  it("lets exactly one of two racing approvers through; the other gets a 409", async () => {
    const proposal = await pending(96);
    const results = await Promise.allSettled([
      reviewVersion(g.at("approver"), proposal.id, { decision: "approve", comment: "" }),
      reviewVersion(g.at("approver2"), proposal.id, { decision: "approve", comment: "" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.find((r) => r.status === "rejected")).toMatchObject({ reason: { status: 409 } });
    expect(await t.db.auditLog.count({ where: { action: "config.approve", targetId: proposal.id } })).toBe(1);
    expect(await t.db.scoreConfigVersion.count({ where: { serviceId: g.services.chat.id, status: "active" } })).toBe(1);
  });

  it("rolls back as a new proposal carrying the old config", async () => {
    const v1 = (await listVersions(g.at("viewer"), "chat")).find((v) => v.version === 1)!;
    expect(v1.status).toBe("superseded");
    const rollback = await proposeRollback(g.at("owner"), "chat", v1.id, "v96 pages too often; back to v1");
    expect(rollback).toMatchObject({ status: "pending", config: { thresholds: { warning: 80 } } });
    expect(rollback.version).toBeGreaterThan(v1.version);
    expect(rollback.diff).toEqual([{ path: "thresholds.warning", kind: "changed", before: 96, after: 80 }]);
    await reviewVersion(g.at("approver"), rollback.id, { decision: "approve", comment: "" });
    expect(await activeVersion("chat")).toBe(rollback.version);
    await expect(proposeRollback(g.at("owner"), "chat", rollback.id, "nothing to roll back to")).rejects.toMatchObject({ status: 409 });
    await expect(proposeRollback(g.at("engineer"), "chat", v1.id, "engineers cannot propose")).rejects.toMatchObject({ status: 403 });
    const rejected = (await listVersions(g.at("viewer"), "chat")).find((v) => v.status === "rejected")!;
    await expect(proposeRollback(g.at("owner"), "chat", rejected.id, "it was never in force")).rejects.toMatchObject({ status: 409 });
  });

  it("leaves exactly one active version when two proposals are approved at once", async () => {
    const ownerDraft = await saveDraft(g.at("owner"), "chat", { text: g.yaml("chat", (c) => (c.thresholds.critical = 50)), format: "yaml" });
    const adminDraft = await saveDraft(g.at("admin"), "chat", { text: g.yaml("chat", (c) => (c.thresholds.critical = 51)), format: "yaml" });
    const [a, b] = [await proposeVersion(g.at("owner"), ownerDraft.id, WHY), await proposeVersion(g.at("admin"), adminDraft.id, WHY)];
    await Promise.all([
      reviewVersion(g.at("approver"), a.id, { decision: "approve", comment: "" }),
      reviewVersion(g.at("approver2"), b.id, { decision: "approve", comment: "" }),
    ]);
    const statuses = [await statusOf(a.id), await statusOf(b.id)].sort();
    expect(statuses).toEqual(["active", "superseded"]);
    expect(await t.db.scoreConfigVersion.count({ where: { serviceId: g.services.chat.id, status: "active" } })).toBe(1);
  });

  it("numbers concurrent drafts of different authors apart", async () => {
    const [a, b] = await Promise.all([
      saveDraft(g.at("owner"), "chat", { text: g.yaml("chat", (c) => (c.thresholds.warning = 97)), format: "yaml" }),
      saveDraft(g.at("admin"), "chat", { text: g.yaml("chat", (c) => (c.thresholds.warning = 98)), format: "yaml" }),
    ]);
    expect(a.version).not.toBe(b.version);
    await Promise.all([withdrawVersion(g.at("owner"), a.id), withdrawVersion(g.at("admin"), b.id)]);
  });

  it("numbers versions per service without gaps or repeats, newest first", async () => {
    const versions = (await listVersions(g.at("admin"), "chat")).map((v) => v.version);
    expect(versions).toEqual([...versions].sort((a, b) => b - a));
    expect(new Set(versions).size).toBe(versions.length);
    expect(Math.min(...versions)).toBe(1);
    expect(Math.max(...versions)).toBe(versions.length);
  });

  it("audits every step and the chain verifies", async () => {
    const actions = (await t.db.auditLog.findMany({ where: { targetType: "config_version" } })).map((r) => r.action);
    for (const a of ["config.draft", "config.propose", "config.withdraw", "config.approve", "config.reject", "config.activate", "config.rollback"]) {
      expect(actions).toContain(a);
    }
    // Approvals took effect at once (pending → active) or were scheduled (pending → approved); without an order
    // the database may return either first, so look at them all.
    const approvals = (await t.db.auditLog.findMany({ where: { action: "config.approve" }, orderBy: { id: "asc" } }))
      .map((r) => ({ actor: r.actorLabel, before: (JSON.parse(r.before!) as { status: string }).status, after: (JSON.parse(r.after!) as { status: string }).status }));
    expect(approvals).toContainEqual({ actor: "approver@gov.test", before: "pending", after: "active" });
    expect(approvals.every((a) => a.before === "pending" && (a.after === "active" || a.after === "approved"))).toBe(true);
    expect(await verifyAuditChain()).toEqual({ ok: true, rows: await t.db.auditLog.count() });
  });
});
