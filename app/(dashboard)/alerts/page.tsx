import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { can } from "@/lib/auth/permissions.ts";
import { requirePermission } from "@/lib/auth/session.ts";
import { listServices } from "@/lib/db/services.ts";
import { AlertsQuery } from "@/lib/schemas/alerts.ts";
import { listAlerts } from "@/lib/services/alerts/list-alerts.ts";
import { apiQuery, parseListState } from "./_lib/list-state.ts";
import { AlertsView } from "./_components/alerts-view.tsx";

export const metadata: Metadata = { title: "Alerts" };

type Search = Record<string, string | string[] | undefined>;

const defined = (query: Record<string, string | undefined>) => Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined));

export default async function AlertsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const user = await requirePermission("dashboard.read");
  const now = new Date();
  const services = (await listServices()).map((s) => ({ slug: s.slug, name: s.name }));
  const parsed = parseListState(await searchParams);
  // A link naming a service that no longer exists shows every service rather than an error page.
  const state = services.some((s) => s.slug === parsed.service) ? parsed : { ...parsed, service: "" };
  const list = await listAlerts({ kind: "user", user }, AlertsQuery.parse(defined(apiQuery(state, now.getTime()))), now);
  return (
    <>
      <PageHeader title="Alerts" description="Alert episodes across the portfolio, newest first. An episode opens when a service's score breaks a threshold and closes when it recovers or someone resolves it." />
      <AlertsView initial={list} initialState={state} services={services} canAck={can(user, "alerts.ack")} canResolve={can(user, "alerts.resolve")} />
    </>
  );
}
