import type { Principal } from "@/lib/auth/principal.ts";
import { can } from "@/lib/auth/permissions.ts";
import { getDb, type Db } from "@/lib/db/client.ts";
import { readPartsForServices } from "@/lib/db/rollup-window.ts";
import type { StoredRollup } from "@/lib/db/rollups.ts";
import { DAY_MS, planWindow } from "@/lib/domain/rollup/index.ts";
import { buildVendorReport, type ServiceRows, type VendorReport } from "@/lib/domain/vendors/build.ts";
import type { SlaTarget, VendorRow } from "@/lib/domain/vendors/figures.ts";
import { AppError } from "@/lib/errors.ts";
import type { VendorQuery } from "@/lib/schemas/vendors.ts";
import { periodOf } from "@/lib/services/reports/get-report.ts";
import { loadScoredServices, type ScoredService } from "@/lib/services/health/scored-service.ts";

/**
 * GET /api/vendors and the /vendors page: providers and models compared over a period, SLA compliance against
 * the targets in Settings → Vendors, and a failover ranking per workload (each service's traffic). Reads: the
 * provider rows and the model rows of every readable service (two window reads), the targets, and which
 * provider serves each model (from the period's raw events).
 */
export async function getVendors(principal: Principal, query: VendorQuery, now: Date): Promise<VendorReport> {
  if (principal.kind === "user" && !can(principal.user, "reports.read")) throw new AppError("FORBIDDEN", 403, "Your role may not read the vendor view.");
  const period = periodOf(query, now.getTime());
  const from = Date.parse(period.from);
  const to = Date.parse(period.to);
  const services = await loadScoredServices(principal);
  const ids = services.map((s) => s.service.id);
  const db = await getDb();
  const parts = planWindow(from, to, now.getTime());
  // Sequential: SQLite serves one statement at a time anyway, and it keeps PostgreSQL's pool free.
  const providerRows = await readPartsForServices(db, ids, parts, "provider");
  const modelRows = await readPartsForServices(db, ids, parts, "model");
  const targets = await readTargets(db);
  const models = new Set([...modelRows.values()].flatMap((rows) => rows.map((r) => r.key.value)));
  const modelProviders = await readModelProviders(db, ids, models, from, to);
  return buildVendorReport({
    generatedAt: now.getTime(), period, windowMs: to - from, targets, modelProviders,
    providers: serviceRows(services, providerRows),
    models: serviceRows(services, modelRows),
  });
}

function serviceRows(services: readonly ScoredService[], rows: Map<string, StoredRollup[]>): ServiceRows[] {
  return services.map(({ service, config }) => {
    const byValue = new Map<string, VendorRow[]>();
    for (const { tier, key, agg } of rows.get(service.id) ?? []) {
      const row = { tier, bucketStart: key.bucketStart, agg };
      const list = byValue.get(key.value);
      if (list) list.push(row);
      else byValue.set(key.value, [row]);
    }
    return { slug: service.slug, name: service.name, rules: config, byValue };
  });
}

export async function readTargets(db: Db): Promise<Map<string, SlaTarget>> {
  const rows = await db.providerSla.findMany({ select: { provider: true, latencyP95Ms: true, maxErrorRate: true } });
  return new Map(rows.map((r) => [r.provider, { latencyP95Ms: r.latencyP95Ms, maxErrorRate: r.maxErrorRate }]));
}

/**
 * Model → provider from raw events (a model served by two providers: the busier one). The last day of the period
 * first — a scan of the whole period's events costs ≈ 0.5 s for a month of the demo, a day ≈ 15 ms — then the
 * whole period for any model of the period's rows not seen in that day. Raw events are kept 30 days: a model
 * seen only before that has no provider.
 */
async function readModelProviders(db: Db, serviceIds: readonly string[], models: ReadonlySet<string>, from: number, to: number): Promise<Map<string, string>> {
  const out = new Map<string, { provider: string; n: number }>();
  const read = async (since: number, only?: string[]) => {
    const pairs = await db.event.groupBy({
      by: ["model", "provider"],
      where: { serviceId: { in: [...serviceIds] }, timestamp: { gte: new Date(since), lt: new Date(to) }, model: only ? { in: only } : { not: null }, provider: { not: null } },
      _count: { _all: true },
    });
    for (const p of pairs) {
      const held = out.get(p.model!);
      if (!held || p._count._all > held.n) out.set(p.model!, { provider: p.provider!, n: p._count._all });
    }
  };
  if (serviceIds.length === 0 || models.size === 0) return new Map();
  await read(Math.max(from, to - DAY_MS));
  const missing = [...models].filter((m) => !out.has(m));
  if (missing.length > 0 && to - from > DAY_MS) await read(from, missing);
  return new Map([...out].map(([model, { provider }]) => [model, provider]));
}
