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

/** Passwords an admin sets for a new account; they pass it on, so it must survive being read out or pasted. */
export const MIN_PASSWORD_LENGTH = 12;

export const CreateUserInput = z.object({
  // Sign-in lowercases the email it is given (lib/schemas/auth.ts), so accounts are stored the same way.
  email: z.string({ error: "Give an email address." }).trim().toLowerCase().pipe(z.email("Expected an email address such as ada@example.com.")),
  name: z.string({ error: "Give the person's name." }).trim().min(1, "Give the person's name.").max(80, "Keep the name to 80 characters or fewer."),
  role: RoleInput,
  password: z
    .string({ error: "Set an initial password." })
    .min(MIN_PASSWORD_LENGTH, `Use an initial password of at least ${MIN_PASSWORD_LENGTH} characters.`)
    .max(200, "Keep the password to 200 characters or fewer."),
});
export type CreateUserInput = z.input<typeof CreateUserInput>;
