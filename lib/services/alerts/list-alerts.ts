import { can } from "@/lib/auth/permissions.ts";
import { mayRead, type Principal } from "@/lib/auth/principal.ts";
import { countAlerts, readAlertPage, type AlertCounts, type AlertFilter, type AlertSummary } from "@/lib/db/alert-queries.ts";
import { getDb } from "@/lib/db/client.ts";
import { findServiceBySlug } from "@/lib/db/services.ts";
import { AppError } from "@/lib/errors.ts";
import type { AlertsQuery, AlertStateFilter } from "@/lib/schemas/alerts.ts";

const DAY_MS = 86_400_000;

const STATES: Record<AlertStateFilter, readonly string[] | null> = {
  open: ["pending", "firing"],
  firing: ["firing"],
  pending: ["pending"],
  resolved: ["resolved"],
  all: null,
};

export interface AlertList {
  at: string;
  alerts: AlertSummary[];
  page: number;
  size: number;
  total: number;
  pages: number;
  /** Under the same service, severity and shadow filters; resolved: in the 24 hours before `at`. */
  counts: AlertCounts;
}

/**
 * The services whose alerts the caller sees, as the list's `where` holds them (null: all). Users reading
 * dashboards see every service; a key for one service sees only that service's alerts — the scope sits in
 * the query, so "not yours" and "not there" come from the same lookup.
 */
export function alertScope(principal: Principal): readonly string[] | null {
  switch (principal.kind) {
    case "system":
      return null;
    case "api-key":
      return principal.serviceId === null ? null : [principal.serviceId];
    case "user":
      if (!can(principal.user, "dashboard.read")) throw new AppError("FORBIDDEN", 403, "Your role does not allow reading alerts.");
      return null;
  }
}

/** GET /api/alerts and the /alerts page: one page of episodes, newest first, with the header's counts. */
export async function listAlerts(principal: Principal, query: AlertsQuery, now: Date): Promise<AlertList> {
  let serviceIds = alertScope(principal);
  if (query.service !== undefined) {
    const service = await findServiceBySlug(query.service);
    if (!service) throw new AppError("NOT_FOUND", 404, `No service "${query.service}" exists.`);
    if (!mayRead(principal, service.id)) throw new AppError("FORBIDDEN", 403, `This caller may not read "${query.service}".`);
    serviceIds = [service.id];
  }
  const filter: AlertFilter = {
    serviceIds, states: STATES[query.state], shadow: query.shadow,
    ...(query.severity ? { severity: query.severity } : {}),
    ...(query.from ? { from: query.from } : {}),
    ...(query.to ? { to: query.to } : {}),
  };
  const db = await getDb();
  const [{ alerts, total }, counts] = await Promise.all([
    readAlertPage(db, filter, (query.page - 1) * query.size, query.size),
    countAlerts(db, filter, new Date(now.getTime() - DAY_MS)),
  ]);
  return { at: now.toISOString(), alerts, page: query.page, size: query.size, total, pages: Math.max(1, Math.ceil(total / query.size)), counts };
}
