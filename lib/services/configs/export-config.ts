import { mayRead, type Principal } from "@/lib/auth/principal.ts";
import { getDb } from "@/lib/db/client.ts";
import { findActiveConfig } from "@/lib/db/score-configs.ts";
import type { ScoreConfig } from "@/lib/domain/score/index.ts";
import { AppError } from "@/lib/errors.ts";
import { loadService } from "./version-view.ts";

/**
 * The service's active config, for config as code (GET /api/services/{slug}/config): what a repository can
 * check in, diff and propose back. A key for another service gets the same 404 as a missing service.
 */
export async function exportActiveConfig(principal: Principal, slug: string): Promise<{ version: number; config: ScoreConfig }> {
  const db = await getDb();
  const service = await loadService(db, slug).catch(() => null);
  if (!service || (principal.kind === "api-key" && !mayRead(principal, service.id))) {
    throw new AppError("NOT_FOUND", 404, `There is no service "${slug}".`);
  }
  if (!mayRead(principal, service.id)) throw new AppError("FORBIDDEN", 403, "Your role does not allow this.");
  const active = await findActiveConfig(db, service.id);
  if (!active) throw new AppError("NOT_FOUND", 404, `The service "${slug}" has no active config yet.`);
  return { version: active.version, config: active.config };
}
