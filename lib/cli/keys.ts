import { parseArgs } from "node:util";
import { z, ZodError } from "zod";
import type { ApiKeySummary } from "@/lib/db/api-keys.ts";
import { findServiceBySlug, listServices } from "@/lib/db/services.ts";
import { AppError } from "@/lib/errors.ts";
import { ALL_SERVICES, ApiKeyName, CreateApiKeyInput, ScopeList } from "@/lib/schemas/api-keys.ts";
import { createApiKeyAsSystem } from "@/lib/services/api-keys/create-api-key.ts";
import { listAllApiKeys } from "@/lib/services/api-keys/list-api-keys.ts";
import { revokeApiKeyAsSystem } from "@/lib/services/api-keys/revoke-api-key.ts";
import type { Command } from "./main.ts";

// The CLI acts as the system: whoever can run it can already reach the database, so there is no user to
// authorise. Its actions are still audited, under the label below.
const ACTOR = "cli";

const USAGE = `Usage: npx vitals keys <create|list|revoke> [options]

  create --service <slug|*> --scopes <ingest,read> --name <label>
                     create a key for one service (* = every service); the key is shown once, alone on
                     the last line, so \`… | tail -n 1\` captures it
  list               every key: id, prefix, name, service, scopes, last use, status
  revoke <id|prefix> revoke a key (ids and prefixes are shown by \`list\`); it stops working at once

Scopes: ingest (send telemetry), read (read-only JSON APIs).`;

const CreateArgs = z.object({
  name: ApiKeyName,
  service: CreateApiKeyInput.shape.service,
  scopes: ScopeList,
});

/** Problems with what was typed: exit code 2, like any usage error. */
class UsageError extends Error {}

async function create(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { service: { type: "string" }, scopes: { type: "string" }, name: { type: "string" } } });
  const input = CreateArgs.safeParse(values);
  if (!input.success) {
    throw new UsageError(input.error.issues.map((i) => `--${String(i.path[0])}: ${i.message}`).join("\n"));
  }
  const { name, service, scopes } = input.data;
  let serviceId: string | null = null;
  if (service !== ALL_SERVICES) {
    const found = await findServiceBySlug(service);
    if (!found) {
      const known = (await listServices()).map((s) => s.slug).sort();
      throw new UsageError(`Unknown service "${service}". Known services: ${known.join(", ") || "(none yet)"}; or * for all.`);
    }
    serviceId = found.id;
  }
  const { key, record } = await createApiKeyAsSystem({ name, serviceId, scopes, actorLabel: ACTOR });
  console.log(`Created API key "${record.name}" (${record.prefix}, id ${record.id}) for ${serviceName(record)}; scopes: ${record.scopes.join(", ")}.`);
  console.log("Store it now: it is shown only this once (only its hash is kept).");
  console.log(key);
  return 0;
}

function serviceName(key: ApiKeySummary): string {
  return key.service ? key.service.slug : "all services";
}

function when(at: Date | null): string {
  return at ? `${at.toISOString().slice(0, 16).replace("T", " ")}Z` : "never";
}

async function list(): Promise<number> {
  const keys = await listAllApiKeys();
  if (keys.length === 0) {
    console.log("No API keys yet. Create one with: npx vitals keys create --service <slug|*> --scopes ingest --name <label>");
    return 0;
  }
  const rows = [
    ["ID", "PREFIX", "NAME", "SERVICE", "SCOPES", "LAST USED", "STATUS"],
    ...keys.map((k) => [k.id, k.prefix, k.name, k.service?.slug ?? ALL_SERVICES, k.scopes.join(","), when(k.lastUsedAt), k.revokedAt ? `revoked ${when(k.revokedAt)}` : "active"]),
  ];
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((r) => r[col]!.length)));
  for (const row of rows) console.log(row.map((cell, col) => cell.padEnd(widths[col]!)).join("  ").trimEnd());
  return 0;
}

async function revoke(reference: string | undefined): Promise<number> {
  if (!reference) throw new UsageError("Say which key to revoke: npx vitals keys revoke <id|prefix> (see npx vitals keys list).");
  const key = await revokeApiKeyAsSystem(reference, ACTOR);
  console.log(`Revoked API key "${key.name}" (${key.prefix}) for ${serviceName(key)}. Requests with it are now refused.`);
  return 0;
}

export const keysCommand: Command = {
  summary: "create, list and revoke API keys",
  usage: USAGE,
  async run(args) {
    const [action, ...rest] = args;
    try {
      switch (action) {
        case "create":
          return await create(rest);
        case "list":
          return await list();
        case "revoke":
          return await revoke(rest[0]);
        default:
          console.error(USAGE);
          return 2;
      }
    } catch (error) {
      if (error instanceof UsageError) {
        console.error(error.message);
        return 2;
      }
      if (error instanceof ZodError) {
        console.error(error.issues.map((i) => i.message).join("\n"));
        return 2;
      }
      // Not found is a mistake in what was typed; a conflict (already revoked) is a refusal.
      if (error instanceof AppError) {
        console.error(error.publicMessage);
        return error.status === 404 ? 2 : 1;
      }
      // parseArgs reports unknown or valueless options this way.
      if (error instanceof TypeError && "code" in error && String(error.code).startsWith("ERR_PARSE_ARGS")) {
        console.error(`${error.message}\n\n${USAGE}`);
        return 2;
      }
      throw error;
    }
  },
};
