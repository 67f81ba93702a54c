import { assertCan } from "@/lib/auth/assert-can.ts";
import { getDb } from "@/lib/db/client.ts";
import { ProposalBody, type ProposalBody as ProposalRaw } from "@/lib/schemas/config-governance.ts";
import type { Ctx } from "../context.ts";
import { parseConfigFor } from "./config-invalid.ts";
import { createProposal } from "./create-proposal.ts";
import type { VersionDetail } from "./types.ts";
import { loadService } from "./version-view.ts";

/**
 * Config as code: a config text from a repository becomes a pending proposal in one step. It still needs a
 * reviewer's approval in the UI; `via` says how it arrived (an API key's prefix) for the audit row.
 */
export async function proposeConfig(ctx: Ctx, slug: string, raw: ProposalRaw, via?: string): Promise<VersionDetail> {
  const input = ProposalBody.parse(raw);
  const service = await loadService(await getDb(), slug);
  assertCan(ctx.user, "configs.propose", { ownerIds: service.ownerIds });
  const config = parseConfigFor(slug, input.config, input.format);
  return createProposal(ctx, service, config, input.rationale, { action: "config.propose", extra: via ? { via } : {} });
}
