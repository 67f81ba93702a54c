import { assertCan } from "@/lib/auth/assert-can.ts";
import { generateApiKey } from "@/lib/auth/api-keys.ts";
import type { ApiKeyScope } from "@/lib/auth/principal.ts";
import { findServiceOwnership, insertApiKey, type ApiKeySummary } from "@/lib/db/api-keys.ts";
import { appendAudit } from "@/lib/db/audit.ts";
import { getDb, type Tx } from "@/lib/db/client.ts";
import { AppError } from "@/lib/errors.ts";
import {
  ALL_SERVICES,
  CreateApiKeyInput,
  CreateSystemApiKeyInput,
  type CreateApiKeyInput as CreateApiKeyRaw,
  type CreateSystemApiKeyInput as CreateSystemApiKeyRaw,
} from "@/lib/schemas/api-keys.ts";
import type { Ctx } from "../context.ts";
import { keyVisibilityFor, managesEveryService } from "./key-visibility.ts";

export interface CreatedApiKey {
  /** the whole key: returned this once, never stored and never logged */
  key: string;
  record: ApiKeySummary;
}

interface Issue {
  name: string;
  serviceId: string | null;
  scopes: ApiKeyScope[];
  actorId: string | null;
  actorLabel: string;
  now: Date;
}

/** Inserts the key and its audit row in the caller's transaction. Only the prefix reaches the audit row. */
async function issue(tx: Tx, input: Issue): Promise<CreatedApiKey> {
  const { key, prefix, hash } = generateApiKey();
  // Stored form: sorted, deduplicated, comma-separated — as lib/auth/api-keys.ts formatScopes, which (like the
  // summaries it parses) knows only the Settings form's scopes, not propose.
  const scopes = [...new Set(input.scopes)].sort();
  const record = await insertApiKey(tx, {
    name: input.name,
    prefix,
    hash,
    scopes: scopes.join(","),
    serviceId: input.serviceId,
    createdById: input.actorId,
    createdAt: input.now,
  });
  await appendAudit(tx, {
    at: input.now,
    actorId: input.actorId,
    actorLabel: input.actorLabel,
    action: "apikey.create",
    targetType: "api_key",
    targetId: record.id,
    after: { name: record.name, prefix, scopes, service: record.service?.slug ?? ALL_SERVICES },
  });
  return { key, record };
}

/**
 * Creates a key for one service (its owners, or admins) or for all services (admins only). The key is in
 * the answer once; afterwards only its prefix and hash exist.
 */
export async function createApiKey(ctx: Ctx, raw: CreateApiKeyRaw): Promise<CreatedApiKey> {
  keyVisibilityFor(ctx.user);
  const input = CreateApiKeyInput.parse(raw);
  if (input.service === ALL_SERVICES && !managesEveryService(ctx.user)) {
    throw new AppError("FORBIDDEN", 403, "Only admins can create keys for all services; choose one of your services.");
  }
  const db = await getDb();
  return db.$transaction(async (tx) => {
    let serviceId: string | null = null;
    if (input.service !== ALL_SERVICES) {
      const service = await findServiceOwnership(tx, { slug: input.service });
      if (!service) throw new AppError("NOT_FOUND", 404, `There is no service "${input.service}".`);
      assertCan(ctx.user, "apikeys.manage", { ownerIds: service.ownerIds });
      serviceId = service.id;
    }
    return issue(tx, { ...input, serviceId, actorId: ctx.user.id, actorLabel: ctx.user.email, now: ctx.now });
  });
}

/**
 * For the CLI and the demo seed: no user, so no permission check — whoever runs them already has the
 * database. Audited with actorId null and the given label.
 */
export async function createApiKeyAsSystem(raw: CreateSystemApiKeyRaw, now: Date = new Date()): Promise<CreatedApiKey> {
  const input = CreateSystemApiKeyInput.parse(raw);
  const db = await getDb();
  return db.$transaction(async (tx) => {
    if (input.serviceId !== null && !(await findServiceOwnership(tx, { id: input.serviceId }))) {
      throw new AppError("NOT_FOUND", 404, "There is no service with that id.");
    }
    return issue(tx, { ...input, actorId: null, now });
  });
}
