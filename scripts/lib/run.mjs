import { spawn } from "node:child_process";

/** Runs a command, prefixing each output line with `[label]`; rejects on a non-zero exit. */
export function runPrefixed(label, command, args, { cwd, env }) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    const prefix = (chunk) => chunk.toString().split("\n").filter(Boolean).map((l) => `[${label}] ${l}\n`).join("");
    child.stdout.on("data", (c) => process.stdout.write(prefix(c)));
    child.stderr.on("data", (c) => process.stderr.write(prefix(c)));
    child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`${label} failed (exit ${code})`))));
  });
}
