import type { SessionUser } from "@/lib/db/users.ts";

/** Who acts and when: every use case takes it, so time is a parameter and tests can fix it. */
export interface Ctx {
  user: SessionUser;
  now: Date;
}

export function contextFor(user: SessionUser, now: Date = new Date()): Ctx {
  return { user, now };
}
