import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Three projects: pure unit tests, and the integration suites (*.int.test.ts) once per database.
// `npm test` runs unit + sqlite; CI adds postgres (`npm run test:postgres`).
const root = fileURLToPath(new URL(".", import.meta.url));
const integration = ["**/*.int.test.ts"];
const ignored = ["node_modules/**", ".next/**", "e2e/**", "data/**"];

export default defineConfig({
  resolve: { alias: { "@": root.replace(/\/$/, "") } },
  test: {
    // next-auth imports "next/server" without an extension, which Node's ESM resolver refuses (next has no
    // exports map); inlined, Vite resolves it. Route handlers that read the session import next-auth.
    server: { deps: { inline: ["next-auth"] } },
    projects: [
      { extends: true, test: { name: "unit", include: ["**/*.test.ts"], exclude: [...ignored, ...integration] } },
      {
        extends: true,
        test: {
          name: "sqlite",
          include: integration,
          exclude: ignored,
          env: { VITALS_TEST_DB: "sqlite" },
          globalSetup: ["lib/testing/global-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: "postgres",
          include: integration,
          exclude: ignored,
          env: { VITALS_TEST_DB: "postgres" },
          globalSetup: ["lib/testing/global-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
