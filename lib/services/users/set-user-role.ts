import type { Role } from "@/lib/auth/permissions.ts";
import { AppError } from "@/lib/errors.ts";
import type { Ctx } from "../context.ts";
import { updateUser } from "./update-user.ts";

/** Changes a user's role; effective on their next request. Admins cannot demote themselves (lock-out). */
export async function setUserRole(ctx: Ctx, userId: string, role: Role): Promise<void> {
  if (userId === ctx.user.id && role !== "admin") {
    throw new AppError("CONFLICT", 409, "You cannot remove your own admin role; ask another admin.");
  }
  await updateUser(ctx, userId, "user.role", (before) => (before.role === role ? null : { role }));
}
