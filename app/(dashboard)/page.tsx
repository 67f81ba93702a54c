import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { requirePermission } from "@/lib/auth/session.ts";
import type { HealthStatus } from "@/lib/domain/score/score.ts";
import { loadPortfolio } from "./_lib/load-portfolio.ts";
import type { PortfolioFilter } from "./_lib/portfolio-rows.ts";
import { PortfolioView } from "./_components/portfolio-view.tsx";

export const metadata: Metadata = { title: "Portfolio" };

const STATUSES: readonly string[] = ["healthy", "warning", "critical", "no_data"];

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : "");

export default async function PortfolioPage({ searchParams }: { searchParams: Promise<Search> }) {
  const user = await requirePermission("dashboard.read");
  const search = await searchParams;
  const status = one(search.status);
  const filter: PortfolioFilter = {
    q: one(search.q), businessUnit: one(search.bu), riskTier: one(search.tier), provider: one(search.provider),
    status: STATUSES.includes(status) ? (status as HealthStatus) : "",
  };
  const data = await loadPortfolio({ kind: "user", user }, new Date());
  return (
    <>
      <PageHeader title="Portfolio" description="Every LLM service scored over its config's window, worst first. Open a service to see why it scores as it does." />
      <PortfolioView initial={data} initialFilter={filter} />
    </>
  );
}
