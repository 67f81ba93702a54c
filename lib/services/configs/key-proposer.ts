import { PROPOSE_SCOPE } from "@/lib/auth/principal.ts";
import { isRole } from "@/lib/auth/permissions.ts";
import { getDb } from "@/lib/db/client.ts";
import { findKeyProposer } from "@/lib/db/score-configs.ts";
import type { SessionUser } from "@/lib/db/users.ts";
import { AppError } from "@/lib/errors.ts";
import { authenticateApiKey } from "../api-keys/authenticate-api-key.ts";
import { loadService } from "./version-view.ts";

/**
 * The person a `propose` API key acts for: the user who created it, with their role as it is now. The key
 * serves its own service only (or every service), and the proposal is then judged as that person's — so a key
 * never lets anyone propose for a service its creator could not (proposeConfig checks configs.propose).
 */
export async function proposerForKey(authorization: string, slug: string, now: Date): Promise<{ user: SessionUser; via: string }> {
  const key = await authenticateApiKey(authorization, now);
  if (!key) throw new AppError("UNAUTHENTICATED", 401, "The API key is not valid: send Authorization: Bearer lvk_… with a live key.");
  const db = await getDb();
  const found = await findKeyProposer(db, key.keyId);
  if (!found?.scopes.includes(PROPOSE_SCOPE)) throw new AppError("FORBIDDEN", 403, "This API key lacks the propose scope.");
  const service = await loadService(db, slug);
  if (found.serviceId !== null && found.serviceId !== service.id) throw new AppError("FORBIDDEN", 403, "This API key serves another service.");
  const creator = found.creator;
  if (!creator || !isRole(creator.role)) {
    throw new AppError("FORBIDDEN", 403, "This key's creator is gone or disabled: a propose key acts for the person who created it.");
  }
  return { user: { id: creator.id, email: creator.email, name: creator.name, role: creator.role }, via: key.label };
}
