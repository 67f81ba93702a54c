import { auditCommand } from "./audit.ts";
import { configCommand } from "./config.ts";
import { dbCommand } from "./db.ts";
import { keysCommand } from "./keys.ts";
import { rollupsCommand } from "./rollups.ts";
import { scoreCommand } from "./score.ts";
import { simulateCommand } from "./simulate.ts";
import { workerCommand } from "./worker.ts";

// `vitals <command> …`. Each command returns its exit code; output goes to stdout, problems to stderr.

export interface Command {
  summary: string;
  usage: string;
  run: (args: string[]) => Promise<number>;
}

const COMMANDS: Record<string, Command> = {
  audit: auditCommand,
  config: configCommand,
  db: dbCommand,
  keys: keysCommand,
  rollups: rollupsCommand,
  score: scoreCommand,
  simulate: simulateCommand,
  worker: workerCommand,
};

function help(): string {
  const rows = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`);
  return [
    "LLM Vitals — health scores for production LLM services",
    "",
    "Usage: npx vitals <command> [options]",
    "",
    "Commands:",
    ...rows,
    "",
    "Run `npx vitals <command> --help` for a command's options.",
    "Commands that touch the database read DATABASE_URL (default file:./data/vitals.db, SQLite;",
    "postgresql://… for PostgreSQL); simulate talks to a running server over HTTP, and score reads only files.",
  ].join("\n");
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    console.log(help());
    return name ? 0 : 1;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`Unknown command "${name}".\n\n${help()}`);
    return 2;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    console.log(command.usage);
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return 1;
  }
}
