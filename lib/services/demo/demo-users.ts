import type { Role } from "@/lib/auth/permissions.ts";

/** The demo sign-ins, one per role (README). The password is public: the seed refuses production. */
export const DEMO_PASSWORD = "vitals-demo";

export const DEMO_USERS: readonly { email: string; name: string; role: Role }[] = [
  { email: "admin@vitals.local", name: "Ada Admin", role: "admin" },
  { email: "approver@vitals.local", name: "April Approver", role: "approver" },
  { email: "owner@vitals.local", name: "Omar Owner", role: "owner" },
  { email: "engineer@vitals.local", name: "Erin Engineer", role: "engineer" },
  { email: "viewer@vitals.local", name: "Victor Viewer", role: "viewer" },
];
