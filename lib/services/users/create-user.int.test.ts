import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "@/lib/auth/password.ts";
import type { Role } from "@/lib/auth/permissions.ts";
import { findActiveUser, type SessionUser } from "@/lib/db/users.ts";
import { zodIssues } from "@/lib/errors.ts";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-db.ts";
import { authenticateUser } from "./authenticate-user.ts";
import { createUser } from "./create-user.ts";
import { setUserDisabled } from "./set-user-disabled.ts";

let t: TestDatabase;
const users = {} as Record<Role, SessionUser>;
const now = new Date("2026-11-26T12:00:00Z");
const as = (role: Role) => ({ user: users[role], now });
const PASSWORD = "correct horse battery";

beforeAll(async () => {
  t = await createTestDatabase();
  const passwordHash = await hashPassword("pw");
  for (const role of ["viewer", "engineer", "owner", "approver", "admin"] as const) {
    const row = await t.db.user.create({ data: { email: `${role}@u.test`, name: role, role, passwordHash } });
    users[role] = { id: row.id, email: row.email, name: row.name, role };
  }
});
afterAll(async () => {
  await t?.drop();
});

describe(`adding people (${process.env.VITALS_TEST_DB})`, () => {
  it.each(["viewer", "engineer", "owner", "approver"] as const)("refuses %s (403)", async (role) => {
    await expect(createUser(as(role), { email: `by-${role}@u.test`, name: "x", role: "viewer", password: PASSWORD })).rejects.toMatchObject({ status: 403 });
    expect(await t.db.user.count({ where: { email: `by-${role}@u.test` } })).toBe(0);
  });

  it("creates an account that signs in with the initial password, audited without it", async () => {
    const created = await createUser(as("admin"), { email: "  Ada@Example.COM ", name: "Ada Lovelace", role: "engineer", password: PASSWORD });
    expect(created).toMatchObject({ email: "ada@example.com", name: "Ada Lovelace", role: "engineer" });
    expect(await authenticateUser("ada@example.com", PASSWORD)).toMatchObject({ id: created.id, role: "engineer" });
    expect(await authenticateUser("ada@example.com", "wrong password!")).toBeNull();
    const rows = await t.db.auditLog.findMany({ where: { action: "user.create", targetId: created.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.actorId).toBe(users.admin.id);
    expect(JSON.parse(rows[0]!.after!)).toEqual({ email: "ada@example.com", name: "Ada Lovelace", role: "engineer" });
    const { passwordHash } = await t.db.user.findUniqueOrThrow({ where: { id: created.id }, omit: { passwordHash: false } });
    expect(passwordHash).toMatch(/^scrypt\$/);
    const stored = JSON.stringify(rows[0]);
    expect(stored).not.toContain(PASSWORD);
    expect(stored).not.toContain(passwordHash);
  });

  it("a disabled account cannot sign in", async () => {
    const created = await createUser(as("admin"), { email: "grace@example.com", name: "Grace", role: "viewer", password: PASSWORD });
    await setUserDisabled(as("admin"), created.id, true);
    expect(await authenticateUser("grace@example.com", PASSWORD)).toBeNull();
    expect(await findActiveUser(created.id)).toBeNull();
  });

  it("refuses an email that has an account (409, any case) and writes nothing", async () => {
    const before = await t.db.auditLog.count();
    await expect(createUser(as("admin"), { email: "ADA@example.com", name: "Ada again", role: "viewer", password: PASSWORD })).rejects.toMatchObject({
      status: 409, publicMessage: "An account for ada@example.com exists already; change its role or enable it instead.",
    });
    expect(await t.db.auditLog.count()).toBe(before);
  });

  it("reports each bad field with its path and what was expected", async () => {
    const error = await createUser(as("admin"), { email: "not-an-email", name: "", role: "root" as never, password: "short" }).catch((e: unknown) => e);
    expect(zodIssues(error as never)).toEqual([
      { path: "email", message: "Expected an email address such as ada@example.com." },
      { path: "name", message: "Give the person's name." },
      { path: "role", message: "Choose one of: viewer, engineer, owner, approver, admin." },
      { path: "password", message: "Use an initial password of at least 12 characters." },
    ]);
  });
});
