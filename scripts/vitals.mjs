#!/usr/bin/env node
// The `vitals` command (package.json "bin"; run as `npx vitals …`). The CLI is TypeScript in lib/cli and
// shares the product's code, so it runs through tsx's loader rather than a separate build.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../lib/cli/main.ts");
const { closeDb } = await import("../lib/db/client.ts");
process.exitCode = await main(process.argv.slice(2));
// An open PostgreSQL pool would keep the process alive for its idle timeout.
await closeDb();
