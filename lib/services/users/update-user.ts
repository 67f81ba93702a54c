import { assertCan } from "@/lib/auth/assert-can.ts";
import { appendAudit } from "@/lib/db/audit.ts";
import { getDb } from "@/lib/db/client.ts";
import { AppError } from "@/lib/errors.ts";
import type { Ctx } from "../context.ts";

type UserFields = { email: string; role: string; disabled: boolean };
type Change = Partial<Pick<UserFields, "role" | "disabled">>;

/**
 * The shape every admin change to a user takes: authorise, read the row, apply the change and append the
 * audit row in one transaction. `change` returns the fields to write, or null when there is nothing to do.
 */
export async function updateUser(
  ctx: Ctx,
  userId: string,
  action: string,
  change: (before: UserFields) => Change | null,
): Promise<void> {
  assertCan(ctx.user, "users.manage");
  const db = await getDb();
  await db.$transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id: userId }, select: { email: true, role: true, disabled: true } });
    if (!before) throw new AppError("NOT_FOUND", 404, "No such user.");
    const data = change(before);
    if (!data) return;
    await tx.user.update({ where: { id: userId }, data });
    const fields = Object.keys(data) as (keyof Change)[];
    await appendAudit(tx, {
      at: ctx.now,
      actorId: ctx.user.id,
      actorLabel: ctx.user.email,
      action,
      targetType: "user",
      targetId: userId,
      before: Object.fromEntries([["email", before.email], ...fields.map((f) => [f, before[f]])]),
      after: Object.fromEntries([["email", before.email], ...fields.map((f) => [f, data[f]])]),
    });
  });
}
