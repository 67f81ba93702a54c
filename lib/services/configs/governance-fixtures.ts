import { createApiKey } from "@/lib/services/api-keys/create-api-key.ts";
import type { Db } from "@/lib/db/client.ts";
import { createInitialActiveVersion } from "@/lib/db/score-configs.ts";
import type { SessionUser } from "@/lib/db/users.ts";
import { templateFor } from "@/lib/domain/score/index.ts";
import type { ApiKeyScope } from "@/lib/auth/principal.ts";
import { toYaml } from "@/lib/schemas/score-config.ts";
import type { Ctx } from "../context.ts";

// Test factories for the config review flow: one user per role (plus a second owner and a second approver),
// two services with an active v1 each. Integration tests only.

export type Who = "admin" | "approver" | "approver2" | "owner" | "owner2" | "engineer" | "viewer";
export interface Governance {
  users: Record<Who, SessionUser>;
  services: Record<"chat" | "rag", { id: string; slug: string }>;
  at: (who: Who, when?: Date) => Ctx;
  /** The active config of `slug` as YAML, with `edit` applied to its object first. */
  yaml: (slug: "chat" | "rag", edit?: (c: ReturnType<typeof templateFor>) => void) => string;
  key: (who: Who, service: "chat" | "rag" | "*", scopes: ApiKeyScope[]) => Promise<string>;
}

const ROLES: Record<Who, SessionUser["role"]> = {
  admin: "admin", approver: "approver", approver2: "approver", owner: "owner", owner2: "owner", engineer: "engineer", viewer: "viewer",
};

export async function seedGovernance(db: Db, now: Date): Promise<Governance> {
  const users = {} as Record<Who, SessionUser>;
  for (const [who, role] of Object.entries(ROLES) as [Who, SessionUser["role"]][]) {
    const row = await db.user.create({ data: { email: `${who}@gov.test`, name: who, role, passwordHash: "x" } });
    users[who] = { id: row.id, email: row.email, name: row.name, role };
  }
  const services = {} as Governance["services"];
  for (const [slug, owner] of [["chat", users.owner], ["rag", users.owner2]] as const) {
    const row = await db.service.create({
      data: { slug, name: slug, businessUnit: "bu", riskTier: "low", owners: { create: [{ userId: owner.id }] } },
    });
    services[slug] = { id: row.id, slug };
    await db.$transaction((tx) =>
      createInitialActiveVersion(tx, { serviceId: row.id, config: templateFor("support-chatbot", slug), rationale: "initial", authorId: null, at: now }),
    );
  }
  const at = (who: Who, when = now) => ({ user: users[who], now: when });
  return {
    users,
    services,
    at,
    yaml: (slug, edit) => {
      const c = templateFor("support-chatbot", slug);
      edit?.(c);
      return toYaml(c);
    },
    key: async (who, service, scopes) => (await createApiKey(at(who), { name: `${who} ${service}`, service, scopes })).key,
  };
}
