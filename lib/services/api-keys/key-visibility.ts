import { assertCan } from "@/lib/auth/assert-can.ts";
import { can } from "@/lib/auth/permissions.ts";
import type { KeyVisibility } from "@/lib/db/api-keys.ts";
import type { SessionUser } from "@/lib/db/users.ts";

/**
 * Which keys `user` manages, read from the permissions table rather than from the role name: whoever may
 * manage keys of a service with no owners manages every service (admins, today). Throws 403 for roles
 * that manage no keys at all.
 */
export function keyVisibilityFor(user: SessionUser): KeyVisibility {
  assertCan(user, "apikeys.manage");
  return managesEveryService(user) ? { all: true } : { all: false, ownerId: user.id };
}

export function managesEveryService(user: SessionUser): boolean {
  return can(user, "apikeys.manage", { ownerIds: [] });
}
