import { mayRead, type Principal } from "@/lib/auth/principal.ts";
import { getDb } from "@/lib/db/client.ts";
import { readRecentProviders } from "@/lib/db/event-queries.ts";
import { listServices } from "@/lib/db/services.ts";
import { HOUR_MS } from "@/lib/domain/rollup/tiers.ts";

/** How far back the portfolio looks for providers: long enough to see a failover, short enough to stay cheap. */
export const PROVIDER_LOOKBACK_HOURS = 6;

/**
 * The providers each readable service (by slug) called in the PROVIDER_LOOKBACK_HOURS before `now` — for the portfolio's
 * provider filter. Provider names are no more than the segments API shows, so dashboard readers may see them.
 */
export async function listRecentProviders(principal: Principal, now: Date): Promise<Record<string, string[]>> {
  const services = (await listServices()).filter((s) => mayRead(principal, s.id));
  if (services.length === 0) return {};
  const byId = await readRecentProviders(await getDb(), services.map((s) => s.id), new Date(now.getTime() - PROVIDER_LOOKBACK_HOURS * HOUR_MS));
  return Object.fromEntries(services.map((s) => [s.slug, byId.get(s.id) ?? []]));
}
