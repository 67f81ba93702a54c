import { describe, expect, it } from "vitest";
import { can, PERMISSIONS, ROLES, type Action, type Role } from "./permissions.ts";

// DESIGN.md §8, written out role by role (not derived from the table under test):
//   viewer   read dashboards, reports, status
//   engineer + acknowledge/resolve alerts, record operator assessments, read raw events
//   owner    + propose configs and manage API keys for the services they own
//   approver + approve or reject proposals they did not author
//   admin    + users, roles, services, channels, every service
// The audit log is read by approvers and admins (issue: governance, /settings/audit).
const EXPECTED: Record<Role, readonly Action[]> = {
  viewer: ["dashboard.read", "reports.read", "status.read"],
  engineer: ["dashboard.read", "reports.read", "status.read", "alerts.ack", "alerts.resolve", "assessments.record", "events.read"],
  owner: [
    "dashboard.read", "reports.read", "status.read", "alerts.ack", "alerts.resolve", "assessments.record", "events.read",
    "configs.propose", "apikeys.manage",
  ],
  approver: [
    "dashboard.read", "reports.read", "status.read", "alerts.ack", "alerts.resolve", "assessments.record", "events.read",
    "configs.propose", "apikeys.manage", "configs.review", "audit.read",
  ],
  admin: [
    "dashboard.read", "reports.read", "status.read", "alerts.ack", "alerts.resolve", "assessments.record", "events.read",
    "configs.propose", "apikeys.manage", "configs.review", "audit.read",
    "users.manage", "services.manage", "channels.manage", "vendors.manage", "reports.snapshot",
  ],
};

const ALL_ACTIONS = Object.keys(PERMISSIONS) as Action[];

describe("permissions table against DESIGN.md §8", () => {
  it("knows exactly the five roles", () => {
    expect([...ROLES].sort()).toEqual(["admin", "approver", "engineer", "owner", "viewer"]);
  });

  it("the expected matrix names every action of the table", () => {
    expect([...new Set(Object.values(EXPECTED).flat())].sort()).toEqual([...ALL_ACTIONS].sort());
  });

  describe.each(ROLES)("%s", (role) => {
    it.each(ALL_ACTIONS)(`%s`, (action) => {
      expect(can({ id: "u1", role }, action)).toBe(EXPECTED[role].includes(action));
    });
  });
});

describe("scopes", () => {
  const owner = { id: "owner-1", role: "owner" };
  const approver = { id: "approver-1", role: "approver" };
  const admin = { id: "admin-1", role: "admin" };

  it("an owner proposes configs and manages keys only for services they own", () => {
    expect(can(owner, "configs.propose", { ownerIds: ["owner-1"] })).toBe(true);
    expect(can(owner, "configs.propose", { ownerIds: ["someone-else"] })).toBe(false);
    expect(can(owner, "apikeys.manage", { ownerIds: [] })).toBe(false);
  });

  it("an approver who owns nothing cannot propose for a service", () => {
    expect(can(approver, "configs.propose", { ownerIds: ["owner-1"] })).toBe(false);
  });

  it("an admin acts on every service", () => {
    expect(can(admin, "configs.propose", { ownerIds: ["owner-1"] })).toBe(true);
    expect(can(admin, "apikeys.manage", { ownerIds: [] })).toBe(true);
  });

  it("nobody reviews their own proposal, admins included", () => {
    expect(can(approver, "configs.review", { authorId: "approver-1" })).toBe(false);
    expect(can(admin, "configs.review", { authorId: "admin-1" })).toBe(false);
    expect(can(approver, "configs.review", { authorId: "owner-1" })).toBe(true);
    expect(can(owner, "configs.review", { authorId: "approver-1" })).toBe(false);
  });

  it("a proposal without a known author cannot be reviewed", () => {
    expect(can(admin, "configs.review", { authorId: null })).toBe(false);
  });

  it("unknown roles, missing users and unknown actions get nothing", () => {
    expect(can({ id: "x", role: "superuser" }, "dashboard.read")).toBe(false);
    expect(can(null, "dashboard.read")).toBe(false);
    expect(can(admin, "nuke.everything" as Action)).toBe(false);
  });
});
