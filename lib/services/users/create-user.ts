import { assertCan } from "@/lib/auth/assert-can.ts";
import { hashPassword } from "@/lib/auth/password.ts";
import { appendAudit } from "@/lib/db/audit.ts";
import { getDb } from "@/lib/db/client.ts";
import type { SessionUser } from "@/lib/db/users.ts";
import { AppError } from "@/lib/errors.ts";
import { CreateUserInput } from "@/lib/schemas/users.ts";
import type { Ctx } from "../context.ts";
import { isUniqueViolation } from "@/lib/db/client.ts";

const emailTaken = (email: string) => new AppError("CONFLICT", 409, `An account for ${email} exists already; change its role or enable it instead.`);

/**
 * Admins add a person with a role and an initial password, which they pass on. The audit row names the person
 * and the role — never the password or its hash.
 */
export async function createUser(ctx: Ctx, raw: CreateUserInput): Promise<SessionUser> {
  assertCan(ctx.user, "users.manage");
  const { password, ...fields } = CreateUserInput.parse(raw);
  // Hashed before the transaction: scrypt takes ≈ 100 ms, too long to hold the audit chain's lock.
  const passwordHash = await hashPassword(password);
  const db = await getDb();
  try {
    return await db.$transaction(async (tx) => {
      if (await tx.user.findUnique({ where: { email: fields.email }, select: { id: true } })) throw emailTaken(fields.email);
      const row = await tx.user.create({ data: { ...fields, passwordHash, createdAt: ctx.now }, select: { id: true, email: true, name: true } });
      await appendAudit(tx, {
        at: ctx.now, actorId: ctx.user.id, actorLabel: ctx.user.email, action: "user.create", targetType: "user", targetId: row.id,
        after: { email: row.email, name: row.name, role: fields.role },
      });
      return { ...row, role: fields.role };
    });
  } catch (error) {
    // Two admins adding the same email at once: the loser's insert hits the unique index.
    if (isUniqueViolation(error)) throw emailTaken(fields.email);
    throw error;
  }
}
