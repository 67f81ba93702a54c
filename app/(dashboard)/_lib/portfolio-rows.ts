import type { HealthStatus } from "@/lib/domain/score/score.ts";
import type { PortfolioEntry } from "@/lib/services/health/get-portfolio-health.ts";

// The portfolio list's ordering and narrowing; pure, so the page's "worst first" is tested without a browser.

export interface PortfolioFilter {
  q: string;
  businessUnit: string;
  riskTier: string;
  provider: string;
  status: HealthStatus | "";
}

const RANK: Record<HealthStatus, number> = { critical: 0, warning: 1, no_data: 2, healthy: 3 };

/** Worst first: by status (critical, warning, no data, healthy), then by score, lowest first. */
export function worstFirst(a: PortfolioEntry, b: PortfolioEntry): number {
  return RANK[a.status] - RANK[b.status] || (a.score ?? 101) - (b.score ?? 101) || a.name.localeCompare(b.name);
}

/** The services the filter lets through, worst first. `providers`: per slug, the providers it called lately. */
export function visibleServices(services: readonly PortfolioEntry[], filter: PortfolioFilter, providers: Readonly<Record<string, string[]>>): PortfolioEntry[] {
  const q = filter.q.trim().toLowerCase();
  return services
    .filter((s) => !q || `${s.name} ${s.slug} ${s.businessUnit}`.toLowerCase().includes(q))
    .filter((s) => !filter.businessUnit || s.businessUnit === filter.businessUnit)
    .filter((s) => !filter.riskTier || s.riskTier === filter.riskTier)
    .filter((s) => !filter.provider || (providers[s.slug] ?? []).includes(filter.provider))
    .filter((s) => !filter.status || s.status === filter.status)
    .sort(worstFirst);
}
