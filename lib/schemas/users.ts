import { z } from "zod";
import { ROLES } from "@/lib/auth/permissions.ts";

export const RoleInput = z.enum(ROLES, { error: `Choose one of: ${ROLES.join(", ")}.` });

export const SetUserDisabledInput = z.object({
  userId: z.string().min(1, "A user id is required."),
  disabled: z.enum(["true", "false"]).transform((v) => v === "true"),
});
export type SetUserDisabledInput = z.infer<typeof SetUserDisabledInput>;

export const SetUserRoleInput = z.object({
  userId: z.string().min(1, "A user id is required."),
  role: RoleInput,
});
export type SetUserRoleInput = z.infer<typeof SetUserRoleInput>;
