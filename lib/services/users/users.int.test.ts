import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findActiveUser, type SessionUser } from "@/lib/db/users.ts";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-db.ts";
import { authenticateUser } from "./authenticate-user.ts";
import { setUserDisabled } from "./set-user-disabled.ts";
import { setUserRole } from "./set-user-role.ts";
import { hashPassword } from "@/lib/auth/password.ts";

let t: TestDatabase;
let admin: SessionUser;
let engineer: SessionUser;
const now = new Date("2026-11-26T12:00:00Z");

beforeAll(async () => {
  t = await createTestDatabase();
  const passwordHash = await hashPassword("pw");
  const a = await t.db.user.create({ data: { email: "a@x.test", name: "A", role: "admin", passwordHash } });
  const e = await t.db.user.create({ data: { email: "e@x.test", name: "E", role: "engineer", passwordHash } });
  admin = { id: a.id, email: a.email, name: a.name, role: "admin" };
  engineer = { id: e.id, email: e.email, name: e.name, role: "engineer" };
});
afterAll(async () => {
  await t?.drop();
});

describe(`user administration (${process.env.VITALS_TEST_DB})`, () => {
  it("signs in with the right password only", async () => {
    expect(await authenticateUser("e@x.test", "pw")).toMatchObject({ id: engineer.id, role: "engineer" });
    expect(await authenticateUser("e@x.test", "wrong")).toBeNull();
    expect(await authenticateUser("nobody@x.test", "pw")).toBeNull();
  });

  it("only admins manage users", async () => {
    await expect(setUserDisabled({ user: engineer, now }, admin.id, true)).rejects.toMatchObject({ status: 403 });
    await expect(setUserRole({ user: engineer, now }, engineer.id, "admin")).rejects.toMatchObject({ status: 403 });
  });

  it("an admin cannot lock themselves out", async () => {
    await expect(setUserDisabled({ user: admin, now }, admin.id, true)).rejects.toMatchObject({ status: 409 });
    await expect(setUserRole({ user: admin, now }, admin.id, "viewer")).rejects.toMatchObject({ status: 409 });
  });

  it("an unknown user is a 404", async () => {
    await expect(setUserDisabled({ user: admin, now }, "missing", true)).rejects.toMatchObject({ status: 404 });
  });

  it("disabling ends the session lookup and sign-in, and is audited", async () => {
    await setUserDisabled({ user: admin, now }, engineer.id, true);
    expect(await findActiveUser(engineer.id)).toBeNull();
    expect(await authenticateUser("e@x.test", "pw")).toBeNull();
    const row = await t.db.auditLog.findFirstOrThrow({ where: { action: "user.disable", targetId: engineer.id } });
    expect(row.actorId).toBe(admin.id);
    expect(JSON.parse(row.before!)).toEqual({ email: "e@x.test", disabled: false });
    expect(JSON.parse(row.after!)).toEqual({ email: "e@x.test", disabled: true });
    await setUserDisabled({ user: admin, now }, engineer.id, false);
    expect(await findActiveUser(engineer.id)).toMatchObject({ id: engineer.id });
  });

  it("a role change is read on the next lookup and audited once", async () => {
    await setUserRole({ user: admin, now }, engineer.id, "viewer");
    await setUserRole({ user: admin, now }, engineer.id, "viewer"); // no change: no second row
    expect(await findActiveUser(engineer.id)).toMatchObject({ role: "viewer" });
    expect(await t.db.auditLog.count({ where: { action: "user.role", targetId: engineer.id } })).toBe(1);
  });

  it("a role the code does not know grants nothing", async () => {
    await t.db.user.update({ where: { id: engineer.id }, data: { role: "superuser" } });
    expect(await findActiveUser(engineer.id)).toBeNull();
  });
});
