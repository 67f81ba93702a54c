import { getDb } from "./client.ts";
import type { Role } from "@/lib/auth/permissions.ts";
import { isRole } from "@/lib/auth/permissions.ts";

// Row ↔ domain for users. Nothing above lib/db sees a Prisma row.

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
}

export interface UserSummary extends SessionUser {
  disabled: boolean;
  createdAt: Date;
}

interface UserRow {
  id: string;
  email: string;
  name: string;
  role: string;
  disabled: boolean;
}

function toSessionUser(row: UserRow): SessionUser | null {
  // A role the code does not know (a bad manual edit) gets no access rather than a guessed one.
  if (!isRole(row.role)) return null;
  return { id: row.id, email: row.email, name: row.name, role: row.role };
}

/** The user if they exist, are enabled and have a known role; null otherwise. */
export async function findActiveUser(id: string): Promise<SessionUser | null> {
  const db = await getDb();
  const row = await db.user.findUnique({ where: { id } });
  return row && !row.disabled ? toSessionUser(row) : null;
}

/** Sign-in lookup: the only query that reads the password hash. */
export async function findUserCredentials(email: string) {
  const db = await getDb();
  const row = await db.user.findUnique({ where: { email }, omit: { passwordHash: false } });
  if (!row) return null;
  return { user: toSessionUser(row), disabled: row.disabled, passwordHash: row.passwordHash };
}

export async function listUsers(): Promise<UserSummary[]> {
  const db = await getDb();
  const rows = await db.user.findMany({ orderBy: { email: "asc" } });
  return rows.flatMap((row) => {
    const user = toSessionUser(row);
    return user ? [{ ...user, disabled: row.disabled, createdAt: row.createdAt }] : [];
  });
}
