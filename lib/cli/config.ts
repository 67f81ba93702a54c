import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import { parseArgs } from "node:util";
import { findActiveConfig } from "@/lib/db/score-configs.ts";
import { getDb } from "@/lib/db/client.ts";
import { findServiceBySlug } from "@/lib/db/services.ts";
import { diffConfigs, formatChange } from "@/lib/domain/score/config-diff.ts";
import { parseScoreConfig, type ConfigIssue, type ScoreConfigFormat } from "@/lib/schemas/score-config.ts";
import type { Command } from "./main.ts";

// Config as code (DESIGN.md §6): validate and diff run locally (diff reads the database for the active version);
// propose talks to a running server with a `propose` API key, so the proposal is made as the key's creator and
// still needs a reviewer's approval in the UI.

const USAGE = `Usage: npx vitals config <validate|diff|propose> <file> [options]

  validate <file>                            check a config file; exit 1 listing each problem
  diff <file> --service <slug>               what the file changes against the service's active version
  propose <file> --service <slug> --rationale "…" [--url http://127.0.0.1:3000] [--key lvk_…]
                                             submit the file for review (key: --key or VITALS_API_KEY,
                                             a key with the propose scope)

Files ending in .json are read as JSON, anything else as YAML.`;

const formatOf = (file: string): ScoreConfigFormat => (extname(file).toLowerCase() === ".json" ? "json" : "yaml");
const issueLine = (e: ConfigIssue) => `${e.path}${e.line !== undefined ? ` (line ${e.line})` : ""}: ${e.message}`;

async function readConfig(file: string | undefined) {
  if (!file) throw new UsageError(`Name the config file.\n\n${USAGE}`);
  const text = await readFile(file, "utf8");
  return { text, format: formatOf(file), parsed: parseScoreConfig(text, formatOf(file)) };
}

class UsageError extends Error {}

function printIssues(file: string, errors: ConfigIssue[]): number {
  console.error(`${file} is not a valid score config:`);
  for (const e of errors) console.error(`  ${issueLine(e)}`);
  return 1;
}

async function validate(file: string | undefined): Promise<number> {
  const { parsed } = await readConfig(file);
  if (!parsed.ok) return printIssues(file!, parsed.errors);
  console.log("valid");
  return 0;
}

async function diff(file: string | undefined, slug: string | undefined): Promise<number> {
  if (!slug) throw new UsageError("Pass --service <slug>.");
  const { parsed } = await readConfig(file);
  if (!parsed.ok) return printIssues(file!, parsed.errors);
  const service = await findServiceBySlug(slug);
  if (!service) throw new UsageError(`Unknown service "${slug}".`);
  const active = await findActiveConfig(await getDb(), service.id);
  if (!active) {
    console.log(`${slug} has no active config yet: the whole file would be new.`);
    return 0;
  }
  const changes = diffConfigs(active.config, parsed.config);
  console.log(changes.length === 0 ? `No changes against ${slug} v${active.version}.` : `Changes against ${slug} v${active.version}:`);
  for (const change of changes) console.log(`  ${formatChange(change)}`);
  return 0;
}

interface ProposeOptions {
  service?: string;
  rationale?: string;
  url?: string;
  key?: string;
}

async function propose(file: string | undefined, o: ProposeOptions): Promise<number> {
  if (!o.service) throw new UsageError("Pass --service <slug>.");
  if (!o.rationale) throw new UsageError('Pass --rationale "why this change" (at least 10 characters).');
  const key = o.key ?? process.env.VITALS_API_KEY;
  if (!key) throw new UsageError("Pass --key lvk_… or set VITALS_API_KEY (a key with the propose scope).");
  const { text, format, parsed } = await readConfig(file);
  if (!parsed.ok) return printIssues(file!, parsed.errors);
  const base = (o.url ?? "http://127.0.0.1:3000").replace(/\/+$/, "");
  const res = await fetch(`${base}/api/services/${encodeURIComponent(o.service)}/config/proposals`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
    body: JSON.stringify({ config: text, format, rationale: o.rationale }),
  });
  const body = (await res.json().catch(() => null)) as
    | { version?: number; status?: string; error?: { message: string; issues?: ConfigIssue[] } }
    | null;
  if (!res.ok) {
    console.error(`The server refused the proposal (${res.status}): ${body?.error?.message ?? res.statusText}`);
    for (const e of body?.error?.issues ?? []) console.error(`  ${issueLine(e)}`);
    return 1;
  }
  console.log(`Proposed ${o.service} v${body?.version}: ${body?.status}. A reviewer approves it in the UI (/reviews).`);
  return 0;
}

export const configCommand: Command = {
  summary: "validate, diff and propose score config files (config as code)",
  usage: USAGE,
  async run(args) {
    const [sub, ...rest] = args;
    try {
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: { service: { type: "string" }, rationale: { type: "string" }, url: { type: "string" }, key: { type: "string" } },
      });
      const file = positionals[0];
      if (sub === "validate") return await validate(file);
      if (sub === "diff") return await diff(file, values.service);
      if (sub === "propose") return await propose(file, values);
      throw new UsageError(`Unknown subcommand "${sub ?? ""}".\n\n${USAGE}`);
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      console.error(error.message);
      return 2;
    }
  },
};
