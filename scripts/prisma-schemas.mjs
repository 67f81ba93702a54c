#!/usr/bin/env node
// Writes prisma/sqlite/schema.prisma and prisma/postgres/schema.prisma: a per-database header (generator and
// datasource) followed by the one hand-edited model file, prisma/models.prisma. One schema cannot serve two
// databases: `provider` cannot come from the environment, and the migration SQL differs.
// Both outputs are git-ignored; a file is rewritten only when its content changes (stable mtimes for watchers).
// Usage: node scripts/prisma-schemas.mjs   (scripts/prisma.mjs runs it before every Prisma command)
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

/** folder under prisma/ → Prisma datasource provider */
export const PROVIDERS = { sqlite: "sqlite", postgres: "postgresql" };

function header(folder, provider) {
  return `// GENERATED from prisma/models.prisma by scripts/prisma-schemas.mjs — edit that file, not this one.

generator client {
  provider               = "prisma-client"
  output                 = "../../lib/db/generated/${folder}"
  // ESM TypeScript whose files import each other with explicit ".ts" extensions: loaded as they are by Next.js
  // (server side), tsx and vitest; tsc needs "allowImportingTsExtensions" (with "noEmit").
  runtime                = "nodejs"
  moduleFormat           = "esm"
  generatedFileExtension = "ts"
  importFileExtension    = "ts"
  // An undefined value in a filter is an error instead of "match everything" (an ownership check must not leak).
  previewFeatures        = ["strictUndefinedChecks"]
}

datasource db {
  provider = "${provider}"
}

`;
}

/** Writes the schema files that changed; returns their paths relative to the project. */
export function writeSchemas({ quiet = false } = {}) {
  const models = readFileSync(path.join(ROOT, "prisma/models.prisma"), "utf8");
  const changed = [];
  for (const [folder, provider] of Object.entries(PROVIDERS)) {
    const file = path.join(ROOT, "prisma", folder, "schema.prisma");
    const content = header(folder, provider) + models;
    if (existsSync(file) && readFileSync(file, "utf8") === content) continue;
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
    changed.push(path.relative(ROOT, file));
  }
  if (!quiet) console.log(changed.length ? `wrote ${changed.join(", ")}` : "prisma schemas up to date");
  return changed;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) writeSchemas();
