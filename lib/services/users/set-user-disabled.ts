import { AppError } from "@/lib/errors.ts";
import type { Ctx } from "../context.ts";
import { updateUser } from "./update-user.ts";

/** Disables or re-enables an account. A disabled user's next request finds no session (session.ts). */
export async function setUserDisabled(ctx: Ctx, userId: string, disabled: boolean): Promise<void> {
  if (disabled && userId === ctx.user.id) {
    throw new AppError("CONFLICT", 409, "You cannot disable your own account.");
  }
  await updateUser(ctx, userId, disabled ? "user.disable" : "user.enable", (before) =>
    before.disabled === disabled ? null : { disabled },
  );
}
