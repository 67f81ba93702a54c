import type { Principal } from "@/lib/auth/principal.ts";
import { getCurrentUser } from "@/lib/auth/session.ts";
import { AppError } from "@/lib/errors.ts";
import { authenticateApiKey } from "@/lib/services/api-keys/authenticate-api-key.ts";

/**
 * Who calls a read-only JSON API: an API key with the `read` scope (Authorization: Bearer …), or else the
 * signed-in user of the browser session. A request that carries a key is judged by the key alone — a bad key
 * is a 401 even when a session cookie rides along, so a script never silently runs as a person.
 */
export async function readPrincipal(req: Request, now: Date): Promise<Principal> {
  const header = req.headers.get("authorization");
  if (header !== null) {
    const key = await authenticateApiKey(header, now);
    if (!key) throw new AppError("UNAUTHENTICATED", 401, "The API key is not valid: send Authorization: Bearer lvk_… with a live key.");
    if (!key.scopes.includes("read")) throw new AppError("FORBIDDEN", 403, "This API key lacks the read scope.");
    return key;
  }
  const user = await getCurrentUser();
  if (!user) throw new AppError("UNAUTHENTICATED", 401, "Sign in, or send an API key with the read scope: Authorization: Bearer lvk_…");
  return { kind: "user", user };
}
