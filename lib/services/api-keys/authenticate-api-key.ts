import { hashApiKey, parseBearer } from "@/lib/auth/api-keys.ts";
import type { ApiKeyPrincipal } from "@/lib/auth/principal.ts";
import { findApiKeyCredential, recordApiKeyUse } from "@/lib/db/api-keys.ts";

/** lastUsedAt is for people ("used 3 minutes ago"), so a minute's precision is plenty. */
export const LAST_USED_RESOLUTION_MS = 60_000;

// Ingest authenticates every request; writing lastUsedAt each time would turn every read path into a
// write. This process remembers when it last wrote each key and skips the write within the resolution;
// the guarded update in recordApiKeyUse keeps other replicas from piling on too.
const lastWrite = new Map<string, number>();

/**
 * The principal for an `Authorization: Bearer <key>` header, or null when the header is missing or
 * malformed, the key is unknown or it is revoked — one answer for all of them (a 401 to the caller).
 */
export async function authenticateApiKey(rawAuthorizationHeader: string | null, now: Date): Promise<ApiKeyPrincipal | null> {
  const parsed = parseBearer(rawAuthorizationHeader);
  if (!parsed) return null;
  const key = await findApiKeyCredential(hashApiKey(parsed.key));
  if (!key || key.revoked) return null;
  await noteUse(key.id, now);
  return { kind: "api-key", keyId: key.id, serviceId: key.serviceId, scopes: key.scopes, label: key.prefix };
}

async function noteUse(keyId: string, now: Date): Promise<void> {
  const at = now.getTime();
  const previous = lastWrite.get(keyId);
  if (previous !== undefined && Math.abs(at - previous) < LAST_USED_RESOLUTION_MS) return;
  // Claimed before the write, so concurrent requests of the same key do not all write.
  lastWrite.set(keyId, at);
  try {
    await recordApiKeyUse(keyId, now, LAST_USED_RESOLUTION_MS);
  } catch (error) {
    // A failed bookkeeping write must not fail the request it describes; the next request retries it.
    if (lastWrite.get(keyId) === at) lastWrite.delete(keyId);
    console.error(`[api-keys] could not record use of key ${keyId}`, error);
  }
}
