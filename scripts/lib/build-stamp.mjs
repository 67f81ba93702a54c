import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

// What `next build` reads. When their content hash equals the one stamped after the last build, the build in
// .next is current and start skips it.
const INPUT_DIRS = ["app", "components", "lib", "public"];
const INPUT_FILES = ["next.config.mjs", "proxy.ts", "instrumentation.ts", "package-lock.json", "tsconfig.json", "tailwind.config.ts", "postcss.config.mjs"];
const SKIP = /(^|\/)(node_modules|\.next|data)(\/|$)|\.test\.tsx?$/;

function* walk(root, dir) {
  for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (SKIP.test(path)) continue;
    if (entry.isDirectory()) yield* walk(root, path);
    else if (entry.isFile()) yield path;
  }
}

export function sourceHash(root) {
  const files = [
    ...INPUT_DIRS.filter((d) => existsSync(join(root, d))).flatMap((d) => [...walk(root, d)]),
    ...INPUT_FILES.filter((f) => existsSync(join(root, f))),
  ].sort();
  const hash = createHash("sha256");
  for (const file of files) hash.update(relative(root, join(root, file))).update("\0").update(readFileSync(join(root, file)));
  return hash.digest("hex");
}

export const STAMP_FILE = join(".next", "vitals-build-stamp");

export function buildIsCurrent(root) {
  const stamp = join(root, STAMP_FILE);
  if (!existsSync(stamp) || !existsSync(join(root, ".next", "BUILD_ID"))) return false;
  return statSync(stamp).isFile() && readFileSync(stamp, "utf8").trim() === sourceHash(root);
}
