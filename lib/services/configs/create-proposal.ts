import { lockAuditChain } from "@/lib/db/audit.ts";
import { getDb } from "@/lib/db/client.ts";
import { insertVersion, nextVersionNumber } from "@/lib/db/score-configs.ts";
import type { ScoreConfig } from "@/lib/domain/score/index.ts";
import { toJson } from "@/lib/schemas/score-config.ts";
import type { Ctx } from "../context.ts";
import { withFreshVersionNumber } from "./retry-numbering.ts";
import { withdrawEarlierProposals } from "./propose-version.ts";
import type { VersionDetail } from "./types.ts";
import { auditConfig, auditView, reload, toDetail } from "./version-view.ts";

/**
 * A new pending version straight from a config, skipping the draft: a rollback, or a proposal sent over the API
 * by CI. The caller has authorised and validated; this numbers, stores and audits it in one transaction.
 */
export async function createProposal(
  ctx: Ctx,
  service: { id: string; ownerIds: readonly string[] },
  config: ScoreConfig,
  rationale: string,
  audit: { action: string; extra?: Record<string, unknown> },
): Promise<VersionDetail> {
  const db = await getDb();
  return withFreshVersionNumber(() => db.$transaction(async (tx) => {
    await lockAuditChain(tx);
    const version = await nextVersionNumber(tx, service.id);
    const created = await insertVersion(tx, { serviceId: service.id, version, status: "pending", body: toJson(config), rationale, authorId: ctx.user.id, at: ctx.now });
    const row = await reload(tx, created.id);
    await withdrawEarlierProposals(tx, ctx, row);
    await auditConfig(tx, ctx, audit.action, row.id, undefined, auditView(row, { rationale, ...audit.extra, config: JSON.parse(row.body) }));
    return toDetail(tx, ctx.user, row, service.ownerIds);
  }));
}
