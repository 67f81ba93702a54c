import { z } from "zod";

export const SignInInput = z.object({
  email: z.string().trim().toLowerCase().email("Enter an email address such as you@example.com."),
  password: z.string().min(1, "Enter your password.").max(1024),
});
export type SignInInput = z.infer<typeof SignInInput>;
