import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// lib/domain is pure: scoring math, sketches, state machines. It takes time and configuration as
// parameters and imports nothing that does I/O or renders (DESIGN.md §1).
const DOMAIN_FORBIDDEN = [
  { group: ["@prisma/*", "**/generated/**", "@/lib/db/*", "@/lib/services/*", "@/lib/auth/*", "@/lib/integrations/*", "@/app/*", "@/components/*"], message: "lib/domain is pure: no database, services, auth, UI or I/O." },
  { group: ["react", "react-dom", "react/*", "next", "next/*", "next-auth", "next-auth/*"], message: "lib/domain is pure: no React or Next." },
  { group: ["node:fs", "node:fs/*", "fs", "fs/*", "node:http", "node:https", "http", "https", "node:net", "net", "node:child_process", "child_process", "pg", "better-sqlite3"], message: "lib/domain is pure: no I/O." },
];

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
    },
  },
  {
    files: ["lib/domain/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: DOMAIN_FORBIDDEN }],
      "no-restricted-globals": ["error", { name: "fetch", message: "lib/domain does no I/O." }, { name: "process", message: "lib/domain never reads the environment: take it as a parameter." }],
      "no-restricted-properties": ["error", { object: "Date", property: "now", message: "lib/domain never reads the clock: take time as a parameter." }],
    },
  },
  globalIgnores([".next/**", "node_modules/**", "lib/db/generated/**", "data/**", "playwright-report/**", "test-results/**", "next-env.d.ts"]),
]);
