import type { Tx } from "@/lib/db/client.ts";
import type { ServiceSummary } from "@/lib/db/services.ts";
export { toSummary, WITH_OWNERS } from "@/lib/db/services.ts";
import { AppError } from "@/lib/errors.ts";

// Shared by create-service and update-service: the row → summary step (lib/db/services.ts's, re-exported), the
// owners check and the audit picture.

/** What the audit row records: the editable fields, owners by email (ids mean nothing to a reader). */
export function auditPicture(s: ServiceSummary) {
  return { slug: s.slug, name: s.name, description: s.description, businessUnit: s.businessUnit, riskTier: s.riskTier, storePrompts: s.storePrompts, owners: s.ownerEmails };
}

/** Owners are picked from a list that may be stale by the time the form is sent. */
export async function assertOwnersExist(tx: Tx, ownerIds: readonly string[]): Promise<void> {
  if (ownerIds.length === 0) return;
  const found = await tx.user.count({ where: { id: { in: [...ownerIds] } } });
  if (found !== ownerIds.length) {
    throw new AppError("BAD_REQUEST", 400, "One of the chosen owners is not a user any more; reload the page and choose again.");
  }
}

export function slugTaken(slug: string): AppError {
  return new AppError("CONFLICT", 409, `A service with the slug "${slug}" exists already; choose another slug.`);
}
