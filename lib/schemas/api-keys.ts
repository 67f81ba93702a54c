import { z } from "zod";
import { API_KEY_SCOPES, PROPOSE_SCOPE } from "@/lib/auth/principal.ts";

// Inputs for creating and revoking API keys, shared by the Settings form, the use cases and the CLI.

/** The service field's value for a key that serves every service. */
export const ALL_SERVICES = "*";

const SCOPE_LIST = API_KEY_SCOPES.join(", ");
const SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;

export const ApiKeyScopeInput = z.enum(API_KEY_SCOPES, {
  error: (issue) => `Unknown scope "${String(issue.input)}"; choose from: ${SCOPE_LIST}.`,
});

const Scopes = z
  .array(ApiKeyScopeInput)
  .min(1, `Choose at least one scope: ${SCOPE_LIST}.`)
  .transform((scopes) => [...new Set(scopes)].sort());

export const ApiKeyName = z
  .string({ error: "Give the key a name." })
  .trim()
  .min(1, "Give the key a name, e.g. the app or pipeline that will use it.")
  .max(80, "Keep the name to 80 characters or fewer.");

export const CreateApiKeyInput = z.object({
  name: ApiKeyName,
  service: z
    .string({ error: "Choose a service." })
    .trim()
    .min(1, "Choose a service.")
    .refine((s) => s === ALL_SERVICES || SLUG.test(s), {
      error: `Expected a service slug (lowercase letters, digits and dashes) or "${ALL_SERVICES}" for all services.`,
    }),
  scopes: Scopes,
});
export type CreateApiKeyInput = z.input<typeof CreateApiKeyInput>;

/** The system variant (CLI, demo seed) names the service by id; null means every service. */
export const CreateSystemApiKeyInput = z.object({
  name: ApiKeyName,
  serviceId: z.string().min(1, "A service id is required (or null for all services).").nullable(),
  // A propose key acts for the person who created it; a key made by the system has nobody to act for.
  scopes: Scopes.refine((s) => !s.includes(PROPOSE_SCOPE), {
    error: "A propose key acts for the person who creates it: create it signed in, under Settings → API keys.",
  }),
  actorLabel: z.string().trim().min(1, 'Say who acts, e.g. "cli" or "system:demo-seed".').max(100),
});
export type CreateSystemApiKeyInput = z.input<typeof CreateSystemApiKeyInput>;

/** `--scopes ingest,read` on the command line. */
export const ScopeList = z
  .string({ error: "Pass --scopes, e.g. --scopes ingest,read." })
  .transform((s) => s.split(",").map((part) => part.trim()).filter(Boolean))
  .pipe(Scopes);

export const RevokeApiKeyInput = z.object({
  id: z.string({ error: "Say which key to revoke." }).min(1, "Say which key to revoke.").max(64, "That is not a key id."),
});
export type RevokeApiKeyInput = z.infer<typeof RevokeApiKeyInput>;

/** The CLI names a key by its id or its prefix (`lvk_3f9a1c2b`), both shown by `vitals keys list`. */
export const ApiKeyReference = z
  .string({ error: "Say which key: its id or its prefix (lvk_…), as shown by `vitals keys list`." })
  .trim()
  .min(1, "Say which key: its id or its prefix (lvk_…), as shown by `vitals keys list`.")
  .max(64, "That is neither a key id nor a prefix.");
