import { findApiKeysByReference, findVisibleApiKey, markApiKeyRevoked, type ApiKeySummary, type KeyVisibility } from "@/lib/db/api-keys.ts";
import { appendAudit } from "@/lib/db/audit.ts";
import { getDb } from "@/lib/db/client.ts";
import { AppError } from "@/lib/errors.ts";
import { ApiKeyReference, RevokeApiKeyInput } from "@/lib/schemas/api-keys.ts";
import type { Ctx } from "../context.ts";
import { keyVisibilityFor } from "./key-visibility.ts";

interface Actor {
  actorId: string | null;
  actorLabel: string;
  now: Date;
}

/**
 * Guarded update first, then the lookup that explains a 0: two concurrent revokes both pass any check made
 * before the update, but only one of them finds `revokedAt: null`.
 */
async function revoke(id: string, visibility: KeyVisibility, actor: Actor): Promise<ApiKeySummary> {
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const revoked = await markApiKeyRevoked(tx, id, visibility, actor.now);
    const key = await findVisibleApiKey(tx, id, visibility);
    if (!key) throw new AppError("NOT_FOUND", 404, "No such API key.");
    if (!revoked) throw new AppError("CONFLICT", 409, `The key ${key.prefix} is already revoked.`);
    await appendAudit(tx, {
      at: actor.now,
      actorId: actor.actorId,
      actorLabel: actor.actorLabel,
      action: "apikey.revoke",
      targetType: "api_key",
      targetId: key.id,
      before: { name: key.name, prefix: key.prefix, revokedAt: null },
      after: { name: key.name, prefix: key.prefix, revokedAt: actor.now.toISOString() },
    });
    return key;
  });
}

/**
 * Revokes a key the user manages (a key of a service they own; all-services keys: admins). A key the user
 * may not manage is a 404, like a key that does not exist; an already revoked one is a 409.
 */
export async function revokeApiKey(ctx: Ctx, id: string): Promise<ApiKeySummary> {
  const visibility = keyVisibilityFor(ctx.user);
  const input = RevokeApiKeyInput.parse({ id });
  return revoke(input.id, visibility, { actorId: ctx.user.id, actorLabel: ctx.user.email, now: ctx.now });
}

/** For the CLI: the key by id or prefix; a prefix shared by several keys must be given as an id. */
export async function revokeApiKeyAsSystem(reference: string, actorLabel: string, now: Date = new Date()): Promise<ApiKeySummary> {
  const ref = ApiKeyReference.parse(reference);
  const matches = await findApiKeysByReference(ref);
  const [only, ...others] = matches;
  if (!only) throw new AppError("NOT_FOUND", 404, `No API key has the id or prefix "${ref}".`);
  if (others.length > 0) {
    throw new AppError("CONFLICT", 409, `${matches.length} keys share the prefix ${ref}; revoke by id: ${matches.map((k) => k.id).join(", ")}.`);
  }
  return revoke(only.id, { all: true }, { actorId: null, actorLabel, now });
}
