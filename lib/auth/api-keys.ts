import { createHash, randomBytes } from "node:crypto";
import { API_KEY_SCOPES, type ApiKeyPrincipal, type ApiKeyScope } from "./principal.ts";

// API key format: `lvk_<8 hex public id>_<43 base64url chars = 256 random bits>`. The readable prefix
// (`lvk_<id>`) is stored and shown in lists; the whole key is only ever stored as its sha256. A lookup by
// hash needs no constant-time compare: an attacker who can time it learns about a hash they cannot invert.

const SCHEME = "lvk_";
const PUBLIC_ID_BYTES = 4;
const SECRET_BYTES = 32;
const KEY_PATTERN = /^lvk_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/;
/** "lvk_" + 8 + "_" + 43: anything longer is rejected before the regex runs. */
export const API_KEY_LENGTH = 56;

export interface GeneratedApiKey {
  /** the full key — shown once, never stored */
  key: string;
  /** "lvk_3f9a1c2b": stored, shown in lists and audit rows */
  prefix: string;
  /** sha256 hex of the whole key: the column keys are looked up by */
  hash: string;
}

export function generateApiKey(): GeneratedApiKey {
  const prefix = SCHEME + randomBytes(PUBLIC_ID_BYTES).toString("hex");
  const key = `${prefix}_${randomBytes(SECRET_BYTES).toString("base64url")}`;
  return { key, prefix, hash: hashApiKey(key) };
}

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

/** The key if `raw` has the exact shape of one, else null — cheap, so garbage never reaches the database. */
export function parseApiKey(raw: string): { key: string; prefix: string } | null {
  if (raw.length !== API_KEY_LENGTH || !KEY_PATTERN.test(raw)) return null;
  return { key: raw, prefix: raw.slice(0, SCHEME.length + PUBLIC_ID_BYTES * 2) };
}

/** The key from an `Authorization: Bearer <key>` header (scheme case-insensitive, RFC 9110 §11.1). */
export function parseBearer(header: string | null | undefined): { key: string; prefix: string } | null {
  if (!header || header.length > API_KEY_LENGTH + 32) return null;
  const match = /^Bearer +(\S+) *$/i.exec(header);
  return match?.[1] ? parseApiKey(match[1]) : null;
}

export function isApiKeyScope(value: string): value is ApiKeyScope {
  return (API_KEY_SCOPES as readonly string[]).includes(value);
}

/** Stored form of scopes: sorted, deduplicated, comma-separated. */
export function formatScopes(scopes: readonly ApiKeyScope[]): string {
  return [...new Set(scopes)].sort().join(",");
}

/** Reads the stored column; a scope this code does not know (a later version's) grants nothing. */
export function parseScopes(stored: string): ApiKeyScope[] {
  return stored.split(",").map((s) => s.trim()).filter(isApiKeyScope);
}

/** Whether the key carries `scope` and serves `serviceId` (its own service, or every service). */
export function keyAllows(principal: ApiKeyPrincipal, scope: ApiKeyScope, serviceId: string): boolean {
  return principal.scopes.includes(scope) && (principal.serviceId === null || principal.serviceId === serviceId);
}
