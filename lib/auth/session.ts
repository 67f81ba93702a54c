import { cache } from "react";
import { forbidden, redirect } from "next/navigation";
import { findActiveUser } from "@/lib/db/users.ts";
import type { SessionUser } from "@/lib/db/users.ts";
import { auth } from "./auth.ts";
import { can, type Action, type Resource } from "./permissions.ts";

export type { SessionUser };

/**
 * The signed-in user as the database has them now. The JWT only says who signed in; role and disabled flag
 * are read on every request, so demoting or disabling someone takes effect on their next request.
 * Cached per request by React's cache().
 */
export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  const session = await auth();
  const id = session?.user?.id;
  return id ? findActiveUser(id) : null;
});

/** For pages and actions: the user, or a redirect to sign-in. */
export async function requireUser(): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/signin");
  return user;
}

/** For pages and actions: the user if the permissions table allows the action, else the 403 page. */
export async function requirePermission(action: Action, resource?: Resource): Promise<SessionUser> {
  const user = await requireUser();
  if (!can(user, action, resource)) forbidden();
  return user;
}
