import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

// Starts, kills and restarts lib/testing/ingest-child-server.ts as a child process (node --import tsx), for tests
// that crash the ingest server mid-load. One process at a time; kill() is safe to call whenever (afterAll).

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const SERVER = fileURLToPath(new URL("./ingest-child-server.ts", import.meta.url));
const START_TIMEOUT_MS = 60_000;

export class IngestChild {
  private child: ChildProcess | null = null;
  private exit: Promise<void> = Promise.resolve();
  /** The last lines the child wrote to stderr, for the message of a failed test. */
  stderr = "";
  port = 0;
  starts = 0;
  /** How each process so far ended: its signal, or its exit code. */
  readonly exits: (NodeJS.Signals | number | null)[] = [];

  constructor(private readonly env: Record<string, string>) {}

  get running(): boolean {
    return this.child !== null;
  }

  /** Resolves when the current process has exited (at once if none runs). */
  exited(): Promise<void> {
    return this.exit;
  }

  /** Starts the server on `port` (0: any free one, the first time) and resolves once it listens. */
  async start(extraEnv: Record<string, string> = {}): Promise<number> {
    if (this.child) throw new Error("The ingest child is already running.");
    const child = spawn(process.execPath, ["--import", "tsx", SERVER], {
      cwd: ROOT,
      env: { ...process.env, ...this.env, ...extraEnv, PORT: String(this.port), VITALS_CHILD_PARENT_PID: String(process.pid) },
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.child = child;
    this.starts++;
    this.exit = new Promise((resolve) =>
      child.once("exit", (code, signal) => {
        this.exits.push(signal ?? code);
        if (this.child === child) this.child = null;
        resolve();
      }),
    );
    child.stderr!.on("data", (chunk: Buffer) => (this.stderr = (this.stderr + chunk.toString()).slice(-4_000)));
    const port = await new Promise<number>((resolve, reject) => {
      let out = "";
      const timer = setTimeout(() => reject(new Error(`The ingest child did not listen within ${START_TIMEOUT_MS} ms.\n${this.stderr}`)), START_TIMEOUT_MS);
      child.stdout!.on("data", (chunk: Buffer) => {
        out += chunk.toString();
        const match = /listening (\d+)/.exec(out);
        if (match) {
          clearTimeout(timer);
          resolve(Number(match[1]));
        }
      });
      child.once("exit", (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`The ingest child exited before listening (${signal ?? code}).\n${this.stderr}`));
      });
    });
    this.port = port;
    return port;
  }

  /** SIGKILL: no shutdown hook, no flushing, open transactions die with the process. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child) return;
    child.kill("SIGKILL");
    await this.exit;
  }
}
