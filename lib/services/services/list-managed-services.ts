import { assertCan } from "@/lib/auth/assert-can.ts";
import { getDb } from "@/lib/db/client.ts";
import { findActiveConfigs } from "@/lib/db/score-configs.ts";
import { listServices, type ServiceSummary } from "@/lib/db/services.ts";
import type { Ctx } from "../context.ts";

export interface ManagedService extends ServiceSummary {
  /** the active score config's version; null if the service has none (it takes events but is not scored) */
  configVersion: number | null;
}

/** Settings → Services: every service, with the version of its active config. */
export async function listManagedServices(ctx: Ctx): Promise<ManagedService[]> {
  assertCan(ctx.user, "services.manage");
  const services = await listServices();
  const configs = await findActiveConfigs(await getDb(), services.map((s) => s.id));
  return services.map((s) => ({ ...s, configVersion: configs.get(s.id)?.version ?? null }));
}
