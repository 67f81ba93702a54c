import type { Db } from "@/lib/db/client.ts";
import { createInitialActiveVersion, type ActiveConfig } from "@/lib/db/score-configs.ts";
import { parseScoreConfig } from "@/lib/schemas/score-config.ts";

// The integration suites' usual fixture: the service "chat" (Chat, support, high risk) scored by a config given as
// YAML, its active version 1. A config that does not parse fails the suite's setup with the parser's errors.

export async function createChatService(db: Db, configYaml: string, at: Date = new Date()): Promise<{ id: string; active: ActiveConfig }> {
  const { id } = await db.service.create({ data: { slug: "chat", name: "Chat", businessUnit: "support", riskTier: "high" } });
  const parsed = parseScoreConfig(configYaml);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const active = await db.$transaction((tx) => createInitialActiveVersion(tx, { serviceId: id, config: parsed.config, rationale: "test", authorId: null, at }));
  return { id, active };
}
