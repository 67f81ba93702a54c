import { can } from "@/lib/auth/permissions.ts";
import { appendAudit } from "@/lib/db/audit.ts";
import { getDb } from "@/lib/db/client.ts";
import { DAY_MS } from "@/lib/domain/rollup/tiers.ts";
import { AppError } from "@/lib/errors.ts";
import { ProviderSlaInput, RemoveProviderSlaInput } from "@/lib/schemas/vendors.ts";
import type { Ctx } from "../context.ts";

// Settings → Vendors: per-provider SLA targets (ProviderSla), set by admins ("vendors.manage"), audited.

export interface ProviderTargetRow {
  provider: string;
  /** null: no target set yet (the provider is listed because it served traffic in the last 30 days). */
  latencyP95Ms: number | null;
  maxErrorRate: number | null;
  updatedAt: string | null;
  updatedBy: string | null;
  seenRecently: boolean;
}

const SEEN_DAYS = 30;

function authorise(ctx: Ctx): void {
  if (!can(ctx.user, "vendors.manage")) throw new AppError("FORBIDDEN", 403, "Only admins may manage vendor SLA targets.");
}

/** Every provider with a target, and every provider seen in the last 30 days without one; by name. */
export async function listSlaTargets(ctx: Ctx): Promise<ProviderTargetRow[]> {
  authorise(ctx);
  const db = await getDb();
  const targets = await db.providerSla.findMany({ include: { updatedBy: { select: { email: true } } } });
  // Through the (serviceId, tier, dimension, bucketStart) index: every service named, so the scan stays on the
  // index's provider hour rows (≈ 65 ms on the demo) instead of reading the whole table (≈ 0.5 s).
  const serviceIds = (await db.service.findMany({ select: { id: true } })).map((s) => s.id);
  const seen = await db.rollup.groupBy({
    by: ["value"],
    where: { serviceId: { in: serviceIds }, tier: "hour", dimension: "provider", bucketStart: { gte: new Date(ctx.now.getTime() - SEEN_DAYS * DAY_MS) } },
  });
  const seenSet = new Set(seen.map((r) => r.value));
  const rows = new Map<string, ProviderTargetRow>();
  for (const provider of seenSet) rows.set(provider, { provider, latencyP95Ms: null, maxErrorRate: null, updatedAt: null, updatedBy: null, seenRecently: true });
  for (const t of targets) {
    rows.set(t.provider, {
      provider: t.provider, latencyP95Ms: t.latencyP95Ms, maxErrorRate: t.maxErrorRate, updatedAt: t.updatedAt.toISOString(),
      updatedBy: t.updatedBy?.email ?? null, seenRecently: seenSet.has(t.provider),
    });
  }
  return [...rows.values()].sort((a, b) => (a.provider < b.provider ? -1 : a.provider > b.provider ? 1 : 0));
}

/** Sets (creates or replaces) a provider's targets; the error rate arrives in percent. */
export async function setSlaTarget(ctx: Ctx, input: unknown): Promise<{ provider: string; latencyP95Ms: number; maxErrorRate: number }> {
  authorise(ctx);
  const { provider, latencyP95Ms, maxErrorRatePercent } = ProviderSlaInput.parse(input);
  const maxErrorRate = maxErrorRatePercent / 100;
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const before = await tx.providerSla.findUnique({ where: { provider }, select: { latencyP95Ms: true, maxErrorRate: true } });
    const data = { latencyP95Ms, maxErrorRate, updatedById: ctx.user.id };
    await tx.providerSla.upsert({ where: { provider }, create: { provider, ...data }, update: data });
    await appendAudit(tx, {
      at: ctx.now, actorId: ctx.user.id, actorLabel: ctx.user.email, action: "vendor.sla.set", targetType: "provider", targetId: provider,
      before: before ?? undefined, after: { latencyP95Ms, maxErrorRate },
    });
    return { provider, latencyP95Ms, maxErrorRate };
  });
}

/** Removes a provider's targets: a guarded delete, so of two concurrent removals one is a 404. */
export async function removeSlaTarget(ctx: Ctx, input: unknown): Promise<void> {
  authorise(ctx);
  const { provider } = RemoveProviderSlaInput.parse(input);
  const db = await getDb();
  await db.$transaction(async (tx) => {
    const before = await tx.providerSla.findUnique({ where: { provider }, select: { latencyP95Ms: true, maxErrorRate: true } });
    const { count } = await tx.providerSla.deleteMany({ where: { provider } });
    if (count === 0 || !before) throw new AppError("NOT_FOUND", 404, `No SLA target is set for "${provider}".`);
    await appendAudit(tx, {
      at: ctx.now, actorId: ctx.user.id, actorLabel: ctx.user.email, action: "vendor.sla.remove", targetType: "provider", targetId: provider, before,
    });
  });
}
