import { getDb } from "./client.ts";
import { queryHot } from "./hot-path/connection.ts";

export interface ServiceSummary {
  id: string;
  slug: string;
  name: string;
  description: string;
  businessUnit: string;
  riskTier: string;
  storePrompts: boolean;
  ownerEmails: string[];
  /** The owners' user ids, for can(…, { ownerIds }). */
  ownerIds: string[];
}

export const WITH_OWNERS = { owners: { include: { user: { select: { id: true, email: true } } } } } as const;

const RISK_ORDER: Record<string, number> = { critical: 0, high: 1, medium: 2, low: 3 };

export async function listServices(): Promise<ServiceSummary[]> {
  const db = await getDb();
  const rows = await db.service.findMany({
    include: WITH_OWNERS,
    orderBy: { name: "asc" },
  });
  return rows.map(toSummary).sort(
    (a, b) => (RISK_ORDER[a.riskTier] ?? 9) - (RISK_ORDER[b.riskTier] ?? 9) || a.name.localeCompare(b.name),
  );
}

export async function findServiceBySlug(slug: string): Promise<ServiceSummary | null> {
  const db = await getDb();
  const row = await db.service.findUnique({
    where: { slug },
    include: WITH_OWNERS,
  });
  return row ? toSummary(row) : null;
}

type ServiceRow = Omit<ServiceSummary, "ownerEmails" | "ownerIds"> & { owners: { user: { id: string; email: string } }[] };

export function toSummary({ owners, ...row }: ServiceRow): ServiceSummary {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    description: row.description,
    businessUnit: row.businessUnit,
    riskTier: row.riskTier,
    storePrompts: row.storePrompts,
    ownerEmails: owners.map((o) => o.user.email).sort(),
    ownerIds: owners.map((o) => o.user.id),
  };
}

/** What ingest needs to know about a service, for every slug of a batch in one query. */
export interface IngestTarget {
  id: string;
  slug: string;
  storePrompts: boolean;
}

export async function findIngestTargets(slugs: readonly string[]): Promise<Map<string, IngestTarget>> {
  if (slugs.length === 0) return new Map();
  // On the hot path's connection (every ingest request asks): one statement per number of slugs, prepared once.
  const rows = await queryHot<{ id: string; slug: string; storePrompts: boolean | number }>(
    {
      name: `vitals-ingest-targets-${slugs.length}`,
      sql: (p) => `SELECT "id", "slug", "storePrompts" FROM "Service" WHERE "slug" IN (${slugs.map((_, i) => p(i + 1)).join(", ")})`,
    },
    slugs,
  );
  return new Map(rows.map((row) => [row.slug, { id: row.id, slug: row.slug, storePrompts: Boolean(row.storePrompts) }]));
}
