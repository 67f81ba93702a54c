import { assertCan } from "@/lib/auth/assert-can.ts";
import { appendAudit } from "@/lib/db/audit.ts";
import { getDb } from "@/lib/db/client.ts";
import type { ServiceSummary } from "@/lib/db/services.ts";
import { AppError } from "@/lib/errors.ts";
import { UpdateServiceInput } from "@/lib/schemas/services.ts";
import type { Ctx } from "../context.ts";
import { assertOwnersExist, auditPicture, toSummary, WITH_OWNERS } from "./service-rows.ts";

/**
 * Admins edit a service's name, description, business unit, risk tier, prompt storage and owners; the slug
 * names it and stays. Audited with before and after; saving without a change writes nothing.
 */
export async function updateService(ctx: Ctx, raw: UpdateServiceInput): Promise<ServiceSummary> {
  assertCan(ctx.user, "services.manage");
  const { slug, ownerIds, ...fields } = UpdateServiceInput.parse(raw);
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const existing = await tx.service.findUnique({ where: { slug }, include: WITH_OWNERS });
    if (!existing) throw new AppError("NOT_FOUND", 404, `There is no service "${slug}".`);
    await assertOwnersExist(tx, ownerIds);
    const before = toSummary(existing);
    const sameOwners = ownerIds.length === before.ownerIds.length && ownerIds.every((id) => before.ownerIds.includes(id));
    const sameFields = (Object.keys(fields) as (keyof typeof fields)[]).every((k) => fields[k] === before[k]);
    if (sameOwners && sameFields) return before;
    const row = await tx.service.update({
      where: { id: existing.id },
      data: { ...fields, ...(sameOwners ? {} : { owners: { deleteMany: {}, create: ownerIds.map((userId) => ({ userId })) } }) },
      include: WITH_OWNERS,
    });
    const after = toSummary(row);
    await appendAudit(tx, {
      at: ctx.now, actorId: ctx.user.id, actorLabel: ctx.user.email, action: "service.update", targetType: "service", targetId: row.id,
      before: auditPicture(before), after: auditPicture(after),
    });
    return after;
  });
}
