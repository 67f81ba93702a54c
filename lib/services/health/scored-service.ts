import { mayRead, type Principal } from "@/lib/auth/principal.ts";
import { getDb } from "@/lib/db/client.ts";
import { findActiveConfigs } from "@/lib/db/score-configs.ts";
import { findServiceBySlug, listServices, type ServiceSummary } from "@/lib/db/services.ts";
import { templateFor, type ScoreConfig } from "@/lib/domain/score/index.ts";
import { AppError } from "@/lib/errors.ts";

// A service together with the config that scores it: its active version, or — for a service nobody has
// configured yet — the generic template, reported as configVersion null so the UI can say "default config".

export interface ScoredService {
  service: ServiceSummary;
  config: ScoreConfig;
  /** The active version's number; null when the built-in default scores the service. */
  configVersion: number | null;
}

function scored(service: ServiceSummary, active: { version: number; config: ScoreConfig } | undefined): ScoredService {
  return active
    ? { service, config: active.config, configVersion: active.version }
    : { service, config: templateFor("generic", service.slug), configVersion: null };
}

/** One service the caller may read: 404 when it does not exist, 403 when the caller's key serves another. */
export async function loadScoredService(principal: Principal, slug: string): Promise<ScoredService> {
  const service = await findServiceBySlug(slug);
  if (!service) throw new AppError("NOT_FOUND", 404, `No service "${slug}" exists.`);
  if (!mayRead(principal, service.id)) throw new AppError("FORBIDDEN", 403, `This caller may not read "${slug}".`);
  const configs = await findActiveConfigs(await getDb(), [service.id]);
  return scored(service, configs.get(service.id));
}

/** Every service the caller may read, in the portfolio's order (risk tier, then name). */
export async function loadScoredServices(principal: Principal): Promise<ScoredService[]> {
  const services = (await listServices()).filter((s) => mayRead(principal, s.id));
  const configs = await findActiveConfigs(await getDb(), services.map((s) => s.id));
  return services.map((s) => scored(s, configs.get(s.id)));
}
