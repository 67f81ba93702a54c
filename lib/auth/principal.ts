import type { SessionUser } from "@/lib/db/users.ts";
import { can } from "./permissions.ts";

// Who is calling: a signed-in user, an API key, or the system itself (seed, simulate, worker).

/**
 * ingest: post telemetry; read: the read-only JSON APIs; propose: submit score configs for review over the API,
 * acting as the person who created the key and only for services that person may propose for.
 */
export const API_KEY_SCOPES = ["ingest", "read", "propose"] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];
export const PROPOSE_SCOPE = "propose" satisfies ApiKeyScope;

export interface ApiKeyPrincipal {
  kind: "api-key";
  keyId: string;
  /** null: the key serves every service */
  serviceId: string | null;
  scopes: readonly ApiKeyScope[];
  /** "lvk_ab12cd34" — for logs and audit rows, never the secret */
  label: string;
}

export type Principal =
  | { kind: "user"; user: SessionUser }
  | ApiKeyPrincipal
  | { kind: "system"; label: string };

/** Whether the caller may write telemetry (events, feedback) for a service. */
export function mayIngest(principal: Principal, serviceId: string): boolean {
  switch (principal.kind) {
    case "system":
      return true;
    case "api-key":
      return principal.scopes.includes("ingest") && (principal.serviceId === null || principal.serviceId === serviceId);
    case "user":
      return false;
  }
}

/** Whether the caller may read a service's scores (dashboards and the read-only JSON APIs). */
export function mayRead(principal: Principal, serviceId: string): boolean {
  switch (principal.kind) {
    case "system":
      return true;
    case "api-key":
      return principal.scopes.includes("read") && (principal.serviceId === null || principal.serviceId === serviceId);
    case "user":
      return can(principal.user, "dashboard.read");
  }
}
