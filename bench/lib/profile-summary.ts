import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";

// A text summary of the V8 CPU profiles (`node --cpu-prof`) in a directory: where the process spent its samples,
// by package or part of the app, and the functions with the most self time. The profiles stay for DevTools.

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** A bucket for a script URL: a package under node_modules, a chunk of the app's build, or a V8 pseudo-frame. */
function category(url: string, functionName: string): string {
  if (!url) return functionName.startsWith("(") ? functionName : "(native)";
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  if (url.includes("/.next/server/")) return "app (.next/server)";
  if (url.startsWith("node:")) return "node internals";
  return url.replace(/^file:\/\//, "");
}

export async function summariseProfiles(dir: string, top = 25): Promise<string> {
  const files = (await readdir(dir)).filter((f) => f.endsWith(".cpuprofile"));
  if (files.length === 0) return `No CPU profile in ${dir}.`;
  const byFunction = new Map<string, number>();
  const byCategory = new Map<string, number>();
  let total = 0;
  for (const file of files) {
    const profile = JSON.parse(await readFile(join(dir, file), "utf8")) as Profile;
    const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
    profile.samples.forEach((id, i) => {
      const node = nodes.get(id);
      const micros = profile.timeDeltas[i] ?? 0;
      if (!node) return;
      const { functionName, url, lineNumber } = node.callFrame;
      const where = url ? `${url.split("/").slice(-2).join("/")}:${lineNumber + 1}` : "";
      const fn = `${functionName || "(anonymous)"} ${where}`.trim();
      byFunction.set(fn, (byFunction.get(fn) ?? 0) + micros);
      const cat = category(url, functionName);
      byCategory.set(cat, (byCategory.get(cat) ?? 0) + micros);
      total += micros;
    });
  }
  const lines = (map: Map<string, number>, n: number) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, micros]) => `${((micros / total) * 100).toFixed(1).padStart(5)} %  ${name}`);
  return [
    `CPU profile of the server (${files.length} file(s) in ${dir}, ${(total / 1e6).toFixed(1)} s sampled), self time`,
    "by package / part:",
    ...lines(byCategory, 15),
    "by function:",
    ...lines(byFunction, top),
  ].join("\n");
}
