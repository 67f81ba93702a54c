import type { Principal } from "@/lib/auth/principal.ts";
import { listRecentProviders } from "@/lib/services/events/list-recent-providers.ts";
import { getPortfolioHealth, type PortfolioHealth } from "@/lib/services/health/get-portfolio-health.ts";

export interface PortfolioViewData {
  portfolio: PortfolioHealth;
  /** Per slug: the providers called in the last hours (PROVIDER_LOOKBACK). */
  providers: Record<string, string[]>;
}

/**
 * The portfolio page's first view, from the same use cases the JSON APIs answer with (each entry carries its
 * score, open alerts and the component losing the most points). The 24-hour sparklines are not in it: a
 * 24-point timeseries costs ~20× a health report (it reads a day of minute rows), so the browser fetches them
 * after the page is shown, into fixed-size placeholders.
 */
export async function loadPortfolio(principal: Principal, now: Date): Promise<PortfolioViewData> {
  const [portfolio, providers] = await Promise.all([getPortfolioHealth(principal, {}, now), listRecentProviders(principal, now)]);
  return { portfolio, providers };
}
