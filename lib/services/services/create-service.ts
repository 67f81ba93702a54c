import { assertCan } from "@/lib/auth/assert-can.ts";
import { appendAudit } from "@/lib/db/audit.ts";
import { getDb } from "@/lib/db/client.ts";
import { createInitialActiveVersion } from "@/lib/db/score-configs.ts";
import type { ServiceSummary } from "@/lib/db/services.ts";
import { SCORE_TEMPLATES, templateFor } from "@/lib/domain/score/templates.ts";
import { CreateServiceInput } from "@/lib/schemas/services.ts";
import type { Ctx } from "../context.ts";
import { assertOwnersExist, auditPicture, slugTaken, toSummary, WITH_OWNERS } from "./service-rows.ts";
import { isUniqueViolation } from "@/lib/db/client.ts";

export interface CreatedService {
  service: ServiceSummary;
  configVersion: number;
}

/**
 * Admins add a service with its owners and a first score config, active at once, from a template: a service
 * without an active config could take events but never be scored. Every later config change goes through
 * review (DESIGN.md §6). The service, its config and the audit row commit together.
 */
export async function createService(ctx: Ctx, raw: CreateServiceInput): Promise<CreatedService> {
  assertCan(ctx.user, "services.manage");
  const { template, ownerIds, ...fields } = CreateServiceInput.parse(raw);
  const db = await getDb();
  try {
    return await db.$transaction(async (tx) => {
      if (await tx.service.findUnique({ where: { slug: fields.slug }, select: { id: true } })) throw slugTaken(fields.slug);
      await assertOwnersExist(tx, ownerIds);
      const row = await tx.service.create({
        data: { ...fields, createdAt: ctx.now, owners: { create: ownerIds.map((userId) => ({ userId })) } },
        include: WITH_OWNERS,
      });
      const config = await createInitialActiveVersion(tx, {
        serviceId: row.id, config: templateFor(template, fields.slug), authorId: ctx.user.id, at: ctx.now,
        rationale: `Created from the ${SCORE_TEMPLATES[template].title} template.`,
      });
      const service = toSummary(row);
      await appendAudit(tx, {
        at: ctx.now, actorId: ctx.user.id, actorLabel: ctx.user.email, action: "service.create", targetType: "service", targetId: row.id,
        after: { ...auditPicture(service), template, configVersion: config.version },
      });
      return { service, configVersion: config.version };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw slugTaken(fields.slug);
    throw error;
  }
}
