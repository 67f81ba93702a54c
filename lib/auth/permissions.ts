// The one permissions table (DESIGN.md §8). The server checks it in every route and action; the UI uses the
// same predicate to hide controls it would refuse. Unknown roles and unknown actions get nothing.

export const ROLES = ["viewer", "engineer", "owner", "approver", "admin"] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/**
 * How an action is scoped beyond the role:
 * - "any": the role is enough;
 * - "owned-service": admins act on every service, the others only on services they own;
 * - "not-author": nobody (admins included) acts on something they authored.
 */
type Scope = "any" | "owned-service" | "not-author";

const VIEWER_UP: readonly Role[] = ["viewer", "engineer", "owner", "approver", "admin"];
const ENGINEER_UP: readonly Role[] = ["engineer", "owner", "approver", "admin"];
const OWNER_UP: readonly Role[] = ["owner", "approver", "admin"];
const APPROVER_UP: readonly Role[] = ["approver", "admin"];
const ADMIN: readonly Role[] = ["admin"];

export const PERMISSIONS = {
  "dashboard.read": { roles: VIEWER_UP, scope: "any" },
  "reports.read": { roles: VIEWER_UP, scope: "any" },
  "status.read": { roles: VIEWER_UP, scope: "any" },
  "alerts.ack": { roles: ENGINEER_UP, scope: "any" },
  "alerts.resolve": { roles: ENGINEER_UP, scope: "any" },
  "assessments.record": { roles: ENGINEER_UP, scope: "any" },
  "events.read": { roles: ENGINEER_UP, scope: "any" },
  "configs.propose": { roles: OWNER_UP, scope: "owned-service" },
  "apikeys.manage": { roles: OWNER_UP, scope: "owned-service" },
  "configs.review": { roles: APPROVER_UP, scope: "not-author" },
  "audit.read": { roles: APPROVER_UP, scope: "any" },
  "users.manage": { roles: ADMIN, scope: "any" },
  "services.manage": { roles: ADMIN, scope: "any" },
  "channels.manage": { roles: ADMIN, scope: "any" },
  /** Provider SLA targets (Settings → Vendors). */
  "vendors.manage": { roles: ADMIN, scope: "any" },
  /** Saving an executive report as an immutable snapshot. */
  "reports.snapshot": { roles: ADMIN, scope: "any" },
} as const satisfies Record<string, { roles: readonly Role[]; scope: Scope }>;

export type Action = keyof typeof PERMISSIONS;

export interface Actor {
  id: string;
  role: string;
}

/** What a scoped action is about: the service's owners, or the author of a proposal. */
export interface Resource {
  ownerIds?: readonly string[];
  authorId?: string | null;
}

/**
 * Whether `actor` may do `action` (on `resource`, for scoped actions). Without a resource a scoped action
 * answers "could this role ever do it" — what the UI needs to decide whether to show a section at all.
 */
export function can(actor: Actor | null | undefined, action: Action, resource?: Resource): boolean {
  if (!actor || !isRole(actor.role)) return false;
  const rule: { roles: readonly Role[]; scope: Scope } | undefined = PERMISSIONS[action];
  if (!rule || !rule.roles.includes(actor.role)) return false;
  if (!resource) return true;
  switch (rule.scope) {
    case "any":
      return true;
    case "owned-service":
      return actor.role === "admin" || (resource.ownerIds ?? []).includes(actor.id);
    case "not-author":
      return resource.authorId != null && resource.authorId !== actor.id;
  }
}
