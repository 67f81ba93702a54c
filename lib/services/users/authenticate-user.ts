import { hashPassword, verifyPassword } from "@/lib/auth/password.ts";
import { findUserCredentials } from "@/lib/db/users.ts";
import type { SessionUser } from "@/lib/db/users.ts";

// A hash to verify against when the email is unknown, so a wrong email costs the same time as a wrong
// password and response times do not reveal which accounts exist.
let decoyHash: Promise<string> | undefined;

export async function authenticateUser(email: string, password: string): Promise<SessionUser | null> {
  const found = await findUserCredentials(email);
  if (!found) {
    decoyHash ??= hashPassword("decoy-password-for-timing");
    await verifyPassword(password, await decoyHash);
    return null;
  }
  const ok = await verifyPassword(password, found.passwordHash);
  if (!ok || found.disabled || !found.user) return null;
  return found.user;
}
