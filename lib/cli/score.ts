import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import { parseArgs } from "node:util";
import { HealthQuery } from "@/lib/schemas/health-query.ts";
import { parseScoreConfig } from "@/lib/schemas/score-config.ts";
import { scoreOffline } from "@/lib/services/health/score-offline.ts";
import type { Command } from "./main.ts";

const USAGE = `Usage: npx vitals score --config <file.yaml|file.json> --events <file.jsonl> [options]

Scores a JSON-lines file of ingest-format events (one POST /api/ingest event per line) with a score config,
offline: no server, no database. Prints the health JSON of GET /api/services/{slug}/health on stdout; lines
that are not valid events are listed on stderr and left out.

Options:
  --config <file>     the score config, YAML or JSON (by extension; YAML otherwise)
  --events <file>     the events, one JSON object per line
  --at <time>         the window's end, RFC 3339 (default: the end of the latest event's minute)
  --window <d>        the window length, like 1h or 30d (default: the config's window)
  --segment <d:v>     score one segment value, like provider:anthropic`;

export const scoreCommand: Command = {
  summary: "score a file of events with a config, offline (no server, no database)",
  usage: USAGE,
  async run(args) {
    const { values } = parseArgs({
      args,
      options: { config: { type: "string" }, events: { type: "string" }, at: { type: "string" }, window: { type: "string" }, segment: { type: "string" } },
    });
    if (!values.config || !values.events) {
      console.error(`Pass --config and --events.\n\n${USAGE}`);
      return 2;
    }
    const query = HealthQuery.safeParse({ at: values.at, window: values.window, segment: values.segment });
    if (!query.success) {
      for (const issue of query.error.issues) console.error(`--${String(issue.path[0])}: ${issue.message}`);
      return 2;
    }
    const [configText, eventsText] = await Promise.all([readFile(values.config, "utf8"), readFile(values.events, "utf8")]);
    const parsed = parseScoreConfig(configText, extname(values.config).toLowerCase() === ".json" ? "json" : "yaml");
    if (!parsed.ok) {
      console.error(`${values.config} is not a valid score config:`);
      for (const e of parsed.errors) console.error(`  ${e.line !== undefined ? `line ${e.line}, ` : ""}${e.path}: ${e.message}`);
      return 1;
    }
    const result = scoreOffline({
      config: parsed.config, eventsText, at: query.data.at, windowMs: query.data.window, segment: query.data.segment, now: new Date(),
    });
    for (const { line, errors } of result.invalid.slice(0, 20)) {
      console.error(`${values.events}:${line}: ${errors.map((e) => `${e.path}: ${e.message}`).join("; ")}`);
    }
    if (result.invalid.length > 20) console.error(`… and ${result.invalid.length - 20} more invalid lines.`);
    const notes = [`${result.used} events of ${parsed.config.service} read`];
    if (result.invalid.length > 0) notes.push(`${result.invalid.length} invalid lines left out`);
    if (result.otherServices > 0) notes.push(`${result.otherServices} events of other services ignored`);
    if (result.duplicates > 0) notes.push(`${result.duplicates} repeated event_ids ignored`);
    console.error(`${notes.join("; ")}; window ${result.report.window} ending ${result.report.at}.`);
    console.log(JSON.stringify(result.report, null, 2));
    return 0;
  },
};
