import type { Db } from "@/lib/db/client.ts";
import type { Episode } from "@/lib/domain/reports/episodes.ts";

/**
 * The alert episodes (fired, not shadow) a report over [from, to) can need, per service: those that began firing
 * in it, and those that fired before and were still open at `from` (carried in). Cancelled alerts never fired.
 */
export async function readEpisodes(db: Db, serviceIds: readonly string[], from: number, to: number): Promise<Map<string, Episode[]>> {
  const rows = await db.alert.findMany({
    where: {
      serviceId: { in: [...serviceIds] }, shadow: false,
      firingSince: { not: null, lt: new Date(to) },
      OR: [{ firingSince: { gte: new Date(from) } }, { resolvedAt: null }, { resolvedAt: { gt: new Date(from) } }],
    },
    select: { serviceId: true, severity: true, firingSince: true, acknowledgedAt: true, resolvedAt: true },
  });
  const out = new Map<string, Episode[]>(serviceIds.map((id) => [id, []]));
  for (const r of rows) {
    if (r.severity !== "warning" && r.severity !== "critical") continue;
    out.get(r.serviceId)?.push({
      severity: r.severity, firingAt: r.firingSince!.getTime(),
      acknowledgedAt: r.acknowledgedAt?.getTime() ?? null, resolvedAt: r.resolvedAt?.getTime() ?? null,
    });
  }
  return out;
}
