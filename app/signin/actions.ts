"use server";

import { AuthError } from "next-auth";
import { signIn } from "@/lib/auth/auth.ts";
import { SignInInput } from "@/lib/schemas/auth.ts";

export interface SignInState {
  error?: string;
  fieldErrors?: Partial<Record<"email" | "password", string>>;
  email?: string;
}

/** Only same-site paths, so a crafted link cannot bounce a fresh session to another site. */
function safeRedirect(target: FormDataEntryValue | null): string {
  return typeof target === "string" && /^\/(?![\/\\])/.test(target) ? target : "/";
}

export async function signInAction(_prev: SignInState, form: FormData): Promise<SignInState> {
  const parsed = SignInInput.safeParse({ email: form.get("email"), password: form.get("password") });
  const email = String(form.get("email") ?? "");
  if (!parsed.success) {
    const fieldErrors: SignInState["fieldErrors"] = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      if ((field === "email" || field === "password") && !fieldErrors[field]) fieldErrors[field] = issue.message;
    }
    return { fieldErrors, email };
  }
  try {
    await signIn("credentials", { ...parsed.data, redirectTo: safeRedirect(form.get("callbackUrl")) });
    return {};
  } catch (error) {
    // A successful sign-in "throws" Next's redirect; only next-auth's own errors are a failed sign-in.
    if (error instanceof AuthError) {
      return { error: "Wrong email or password, or the account is disabled.", email };
    }
    throw error;
  }
}
