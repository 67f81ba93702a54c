import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { databaseUrl, providerOf } from "@/lib/db/database-url.ts";
import { migrateDatabase } from "@/lib/db/migrate.ts";
import { seedDemo, type SeedOptions } from "@/lib/services/demo/seed-demo.ts";
import type { Command } from "./main.ts";

const USAGE = `Usage: npx vitals db <migrate|seed|prepare> [options]

  migrate            apply the committed migrations to DATABASE_URL
  seed               seed the demo portfolio (users, services, 14 days of telemetry) — only into an empty database
  prepare            migrate, then seed when the database is empty (what \`npm start\` runs)

Options:
  --no-seed          prepare: migrate only
  --days <n>         seed: days of telemetry (default 14)
  --allow-production seed: allow the demo seed when NODE_ENV=production (it creates well-known passwords)`;

/** Where the demo's all-services key is kept, so `npm start` can feed the simulator and print it again. */
const DEMO_KEY_FILE = process.env.VITALS_DEMO_KEY_FILE ?? join(fileURLToPath(new URL("../..", import.meta.url)), "data", "demo-api-key");

async function seed(options: SeedOptions): Promise<void> {
  const result = await seedDemo(options);
  if (!result.seeded) return;
  await mkdir(dirname(DEMO_KEY_FILE), { recursive: true });
  await writeFile(DEMO_KEY_FILE, result.apiKey + "\n", { mode: 0o600 });
  console.log(`Demo API key (all services, ingest + read; kept in ${DEMO_KEY_FILE}):\n${result.apiKey}`);
}

export const dbCommand: Command = {
  summary: "migrate the database and seed the demo portfolio",
  usage: USAGE,
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        "no-seed": { type: "boolean", default: false },
        days: { type: "string", default: "14" },
        "allow-production": { type: "boolean", default: false },
      },
    });
    const action = positionals[0];
    const url = databaseUrl();
    const days = Number(values.days);
    if (!Number.isInteger(days) || days < 1 || days > 90) {
      console.error("--days must be a whole number from 1 to 90.");
      return 2;
    }
    const seedOptions = { days, allowProduction: values["allow-production"], log: (line: string) => console.log(line) };
    switch (action) {
      case "migrate":
        await migrateDatabase(url, { quiet: false });
        return 0;
      case "seed":
        await seed(seedOptions);
        return 0;
      case "prepare": {
        const started = Date.now();
        await migrateDatabase(url);
        console.log(`Database ready (${providerOf(url)}) in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
        if (!values["no-seed"]) await seed(seedOptions);
        return 0;
      }
      default:
        console.error(USAGE);
        return 2;
    }
  },
};
