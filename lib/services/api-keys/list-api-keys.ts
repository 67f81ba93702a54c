import { listApiKeyRows, listKeyServices, type ApiKeySummary, type KeyService } from "@/lib/db/api-keys.ts";
import type { Ctx } from "../context.ts";
import { keyVisibilityFor, managesEveryService } from "./key-visibility.ts";

/** Admins see every key; owners see the keys of the services they own (not all-services keys). */
export async function listApiKeys(ctx: Ctx): Promise<ApiKeySummary[]> {
  return listApiKeyRows(keyVisibilityFor(ctx.user));
}

export interface KeyTargets {
  /** whether the user may create all-services keys */
  allServices: boolean;
  services: KeyService[];
}

/** What the create form may offer this user: the services they manage keys for. */
export async function listApiKeyTargets(ctx: Ctx): Promise<KeyTargets> {
  const visibility = keyVisibilityFor(ctx.user);
  return { allServices: managesEveryService(ctx.user), services: await listKeyServices(visibility) };
}

/** For the CLI, which acts as the system: every key. */
export async function listAllApiKeys(): Promise<ApiKeySummary[]> {
  return listApiKeyRows({ all: true });
}
