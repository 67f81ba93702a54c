import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/**
 * AUTH_SECRET signs the session cookies. Taken from the environment when set; otherwise generated once and
 * kept in data/auth-secret (mode 0600), so no variable is needed to start and sessions survive restarts.
 */
export function ensureAuthSecret(root) {
  if (process.env.AUTH_SECRET) return process.env.AUTH_SECRET;
  const dir = join(root, "data");
  const file = join(dir, "auth-secret");
  mkdirSync(dir, { recursive: true });
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString("base64url") + "\n", { mode: 0o600 });
  return readFileSync(file, "utf8").trim();
}
